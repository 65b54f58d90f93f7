package dev.tarkka.detection;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Python's {@code "%.Nf" % x}, which the report uses for its number strings (spec §15.3). Unlike
 * {@link String#format}, Python rounds the exact binary value half to even, keeps the sign of values that round to
 * zero, and writes {@code nan}, {@code inf} and {@code -inf}.
 */
public final class PythonFormat {

    private PythonFormat() {
    }

    /** {@code x} with exactly {@code decimals} digits after the point (none, and no point, for 0). */
    public static String fixed(double x, int decimals) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        String digits = new BigDecimal(x).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        boolean negative = x < 0 || Double.doubleToRawLongBits(x) == Double.doubleToRawLongBits(-0.0);
        return negative && !digits.startsWith("-") ? "-" + digits : digits;
    }
}
