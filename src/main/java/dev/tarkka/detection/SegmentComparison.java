package dev.tarkka.detection;

/**
 * The t-test of two adjacent segments [start, split) and [split, end): their means, population standard
 * deviations and the two-sided p-value (spec §8). The tarkka preset fills it with its levels (medians), their spread
 * and its rank-sum p-value ({@link TarkkaPreset#compare}).
 */
record SegmentComparison(double meanBefore, double meanAfter, double stddevBefore, double stddevAfter,
                         double pvalue) {
}
