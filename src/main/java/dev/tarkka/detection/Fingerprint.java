package dev.tarkka.detection;

/**
 * A 64-bit running hash of a series, so that an incremental update can refuse a state computed from a different
 * prefix. It is a fold over the values: the fingerprint of a longer series continues from that of its prefix.
 */
final class Fingerprint {

    static final long EMPTY = 0x7A4B_6B61_5EED_0001L;

    private Fingerprint() {
    }

    /** Continues {@code fingerprint} over x[from, to). */
    static long extend(long fingerprint, double[] x, int from, int to) {
        long hash = fingerprint;
        for (int i = from; i < to; i++) {
            // doubleToLongBits: every NaN hashes alike; 0.0 and -0.0 differ (they may format differently).
            hash = Long.rotateLeft(hash, 29) ^ mix(Double.doubleToLongBits(x[i]));
            hash *= 0x9E37_79B9_7F4A_7C15L;
        }
        return hash;
    }

    /** MurmurHash3's 64-bit finaliser. */
    private static long mix(long bits) {
        long h = bits;
        h ^= h >>> 33;
        h *= 0xFF51_AFD7_ED55_8CCDL;
        h ^= h >>> 33;
        h *= 0xC4CE_B9FE_1A85_EC53L;
        h ^= h >>> 33;
        return h;
    }
}
