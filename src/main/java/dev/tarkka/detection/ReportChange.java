package dev.tarkka.detection;

/**
 * One change point of one metric in the report, with its numbers formatted as Python does (spec §15.1, §15.3).
 * The component order is the key order of the JSON object.
 *
 * @param metric               metric name
 * @param index                position in that metric's series
 * @param time                 timestamp of the first point of the new regime
 * @param forwardChangePercent {@code %.0f} of the forward change in percent
 * @param magnitude            {@code %f} of the magnitude
 * @param meanBefore           {@code %f} of the mean before
 * @param stddevBefore         {@code %f} of the standard deviation before
 * @param meanAfter            {@code %f} of the mean after
 * @param stddevAfter          {@code %f} of the standard deviation after
 * @param pvalue               {@code %f} of the p-value
 */
public record ReportChange(String metric, int index, long time, String forwardChangePercent, String magnitude,
                           String meanBefore, String stddevBefore, String meanAfter, String stddevAfter,
                           String pvalue) {

    private static final int DECIMALS = 6;

    /** The change point {@code point} of {@code metric}, at {@code time}, formatted for the report. */
    public static ReportChange of(String metric, long time, ChangePoint point) {
        return new ReportChange(metric, point.index(), time,
                PythonFormat.fixed(point.forwardChangePercent(), 0),
                PythonFormat.fixed(point.magnitude(), DECIMALS),
                PythonFormat.fixed(point.meanBefore(), DECIMALS),
                PythonFormat.fixed(point.stddevBefore(), DECIMALS),
                PythonFormat.fixed(point.meanAfter(), DECIMALS),
                PythonFormat.fixed(point.stddevAfter(), DECIMALS),
                PythonFormat.fixed(point.pvalue(), DECIMALS));
    }
}
