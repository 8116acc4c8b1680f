package dev.rgrid.engine.scale;

import java.util.Map;

/** What the autoscaler asks a provider for: a machine of {@code type} named {@code name}, booting {@code userData}. */
public record NodeLaunch(String name, ServerType type, Map<String, String> labels, String userData) {}
