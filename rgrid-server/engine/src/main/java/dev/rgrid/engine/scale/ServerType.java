package dev.rgrid.engine.scale;

/**
 * A kind of machine a provider can start, as a node offers it to runs: its CPUs, the memory runs may use (the
 * machine's, less what the system and Ray keep), its container slots, and its hourly price at its location.
 *
 * @param priceMicros the net hourly price in millionths of {@code currency}, as the provider quotes it now
 */
public record ServerType(String name, double cpus, long memoryMb, int slots, long priceMicros, String currency,
                         String location) {

    /** How many runs of {@code shape} one empty node of this type takes at once (0: it does not fit at all). */
    public int fits(Shape shape) {
        return Room.of(this).fits(shape);
    }
}
