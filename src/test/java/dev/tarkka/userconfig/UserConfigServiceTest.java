package dev.tarkka.userconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.tarkka.detection.Algorithm;
import dev.tarkka.detection.DetectionOptions;
import dev.tarkka.error.ApiException;

/** Detection options from what a client sent, and from what is stored (api.md §6, Part A8). */
class UserConfigServiceTest {

    static final DetectionOptions DEFAULTS = DetectionOptions.NYRKIO_DEFAULTS;

    @Test
    void absentValuesKeepTheDefaults() {
        assertThat(UserConfigService.options(null, null, null, null, DEFAULTS)).isEqualTo(DEFAULTS);
        assertThat(UserConfigService.detectionOptions((UserConfigRequest.Core) null)).isEqualTo(DEFAULTS);
        assertThat(UserConfigService.detectionOptions(new UserConfigRequest.Core(0.2, 0.01, null, null)))
                .isEqualTo(new DetectionOptions(50, 0.01, 0.2, Algorithm.OTAVA));
    }

    @Test
    void everyOptionCanBeSet() {
        assertThat(UserConfigService.options(10, 0.05, 0.1, "hunter", DEFAULTS))
                .isEqualTo(new DetectionOptions(10, 0.05, 0.1, Algorithm.HUNTER));
        assertThat(UserConfigService.detectionOptions(new UserConfigRequest.Core(0.1, 0.05, "hunter", 10)))
                .isEqualTo(new DetectionOptions(10, 0.05, 0.1, Algorithm.HUNTER));
    }

    @Test
    void valuesOutOfRangeAreA400NamingTheValue() {
        assertRefused(() -> UserConfigService.options(null, 1.01, null, null, DEFAULTS),
                "max_pvalue must be less than or equal to 1.0");
        assertRefused(() -> UserConfigService.options(null, -0.1, null, null, DEFAULTS), "max_pvalue must not be negative");
        assertRefused(() -> UserConfigService.options(null, Double.NaN, null, null, DEFAULTS),
                "max_pvalue must not be negative");
        assertRefused(() -> UserConfigService.options(null, null, -1.0, null, DEFAULTS),
                "min_magnitude must be a finite number, not negative");
        assertRefused(() -> UserConfigService.options(null, null, Double.POSITIVE_INFINITY, null, DEFAULTS),
                "min_magnitude must be a finite number, not negative");
        assertRefused(() -> UserConfigService.options(1, null, null, null, DEFAULTS), "window_len must be between 2 and 1000");
        assertRefused(() -> UserConfigService.options(1001, null, null, null, DEFAULTS),
                "window_len must be between 2 and 1000");
        assertRefused(() -> UserConfigService.options(null, null, null, "prophet", DEFAULTS), "algorithm must be one of");
    }

    private static void assertRefused(Runnable call, String detail) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat((String) e.detail()).startsWith(detail);
        });
    }
}
