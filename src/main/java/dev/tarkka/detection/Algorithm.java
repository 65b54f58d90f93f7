package dev.tarkka.detection;

/**
 * The change-detection variant. {@code otava} and {@code hunter} differ only in the per-segment candidate search of
 * E-divisive (spec §5, §17) and share everything else (windows, t-test, merge, report); {@code tarkka} is this
 * project's preset on top of the same windowed E-divisive ({@link TarkkaPreset}).
 */
public enum Algorithm {
    /** Current Apache Otava: the split τ maximises q̂ over τ and the segment end κ (spec §5.2). */
    OTAVA("otava"),
    /** Nyrkiö's pinned hunter fork: κ is fixed at the segment end (spec §5.3). */
    HUNTER("hunter"),
    /**
     * Tarkka's preset for CI histories: rank-based E-divisive and tests, levels of at least three runs, a separate
     * threshold for the newest runs, and steps that must stand out from drift. It has its own window, p-value and
     * magnitude and ignores those of {@link DetectionOptions}.
     */
    TARKKA("tarkka");

    private final String wireName;

    Algorithm(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in configuration and JSON: {@code "otava"}, {@code "hunter"} or {@code "tarkka"}. */
    public String wireName() {
        return wireName;
    }

    /**
     * Parses a wire name.
     *
     * @throws IllegalArgumentException if {@code name} is not a known wire name
     */
    public static Algorithm fromWireName(String name) {
        for (Algorithm algorithm : values()) {
            if (algorithm.wireName.equals(name)) {
                return algorithm;
            }
        }
        throw new IllegalArgumentException("Unknown change-detection algorithm '" + name
                + "'; expected \"otava\", \"hunter\" or \"tarkka\"");
    }
}
