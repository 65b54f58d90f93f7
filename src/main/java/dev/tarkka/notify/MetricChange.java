package dev.tarkka.notify;

/**
 * One metric's change at a commit, with what a message needs to say about it.
 *
 * @param direction            {@code higher_is_better}, {@code lower_is_better}, or null when the upload did not say
 * @param forwardChangePercent how much the mean moved, in percent of the mean before
 */
public record MetricChange(String metric, String unit, String direction, double forwardChangePercent,
        double magnitude, double meanBefore, double meanAfter, double pvalue) {

    /** Whether the change makes things worse, better, or cannot be told (no direction). */
    public enum Kind {
        REGRESSION, IMPROVEMENT, CHANGE;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Kind kind() {
        if (direction == null || forwardChangePercent == 0) {
            return Kind.CHANGE;
        }
        boolean up = forwardChangePercent > 0;
        return up == direction.equals("lower_is_better") ? Kind.REGRESSION : Kind.IMPROVEMENT;
    }
}
