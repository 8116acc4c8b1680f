package dev.rgrid.sdk;

/**
 * What deleting an execution removed, besides its record and logs.
 *
 * @param outputs how many of its output files went
 * @param inputs  how many input files went from the store; an input another execution still uses stays
 */
public record Deletion(String id, int outputs, int inputs) {}
