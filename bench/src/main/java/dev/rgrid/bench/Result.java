package dev.rgrid.bench;

/** One benchmark's verdict: what was measured, against what baseline, and whether the target holds. */
record Result(String name, String measured, String baseline, String comparison, String target, boolean met) {
    String render() {
        return String.join("\n",
                "== " + name,
                "   rgrid:    " + measured,
                "   baseline: " + baseline,
                "   result:   " + comparison,
                "   target:   " + target + " -> " + (met ? "MET" : "NOT MET"));
    }
}
