/** The control plane: a thin Javalin app over the engine. */
package dev.rgrid.server;
