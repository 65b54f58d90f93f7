package dev.tarkka.detection;

/**
 * The per-segment candidate search used by E-divisive (spec §5, §17).
 * Everything else (windows, t-test, merge, report) is shared by both variants.
 */
public enum Algorithm {
    /** Current Apache Otava: the split τ maximises q̂ over τ and the segment end κ (spec §5.2). */
    OTAVA("otava"),
    /** Nyrkiö's pinned hunter fork: κ is fixed at the segment end (spec §5.3). */
    HUNTER("hunter");

    private final String wireName;

    Algorithm(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in configuration and JSON: {@code "otava"} or {@code "hunter"}. */
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
                + "'; expected \"otava\" or \"hunter\"");
    }
}
