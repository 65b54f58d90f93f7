package dev.tarkka.detection;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Python's {@code %.0f} and {@code %f} (spec §15.3). */
class PythonFormatTest {

    @ParameterizedTest(name = "{0} -> %.0f \"{1}\", %f \"{2}\"")
    @CsvSource({
            "2.5, 2, 2.500000",
            "3.5, 4, 3.500000",
            "0.5, 0, 0.500000",
            "-0.5, -0, -0.500000",
            "-0.4, -0, -0.400000",
            "-1e-9, -0, -0.000000",
            "-0.0, -0, -0.000000",
            "0.0, 0, 0.000000",
            "5e-7, 0, 0.000000",
            "0.0000015, 0, 0.000002",
            "1e22, 10000000000000000000000, 10000000000000000000000.000000",
            "79.6644825, 80, 79.664483",
            "-8.926248267881654, -9, -8.926248",
            "NaN, nan, nan",
            "Infinity, inf, inf",
            "-Infinity, -inf, -inf",
    })
    void formatsLikePython(double value, String noDecimals, String sixDecimals) {
        assertEquals(noDecimals, PythonFormat.fixed(value, 0));
        assertEquals(sixDecimals, PythonFormat.fixed(value, 6));
    }
}
