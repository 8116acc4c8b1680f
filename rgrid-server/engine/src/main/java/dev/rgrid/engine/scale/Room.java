package dev.rgrid.engine.scale;

/** What a node has free for more runs: CPUs, memory and container slots. */
record Room(double cpus, long memoryMb, int slots) {
    static Room of(ServerType type) {
        return new Room(type.cpus(), type.memoryMb(), type.slots());
    }

    /** How many runs of {@code shape} fit in this room at once. */
    int fits(Shape shape) {
        // A tiny tolerance: Ray's fractional CPUs are sums of doubles (0.1 + 0.2 ...).
        int byCpu = shape.cpus() <= 0 ? Integer.MAX_VALUE : (int) Math.floor(cpus / shape.cpus() + 1e-9);
        int byMemory = shape.memoryMb() <= 0 ? Integer.MAX_VALUE : (int) (memoryMb / shape.memoryMb());
        return Math.max(0, Math.min(slots, Math.min(byCpu, byMemory)));
    }

    Room minus(Shape shape, int runs) {
        return new Room(cpus - shape.cpus() * runs, memoryMb - shape.memoryMb() * runs, slots - runs);
    }
}
