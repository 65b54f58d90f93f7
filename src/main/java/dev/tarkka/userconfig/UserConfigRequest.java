package dev.tarkka.userconfig;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * Body of POST/PUT {@code /user/config} (api.md §6). Within a present {@code notifiers} or {@code core} object
 * the fields are required, as in Nyrkio; {@code core.algorithm} and {@code core.window_len} are Tarkka's own
 * and optional. Unknown keys are dropped.
 */
public record UserConfigRequest(@Valid Notifiers notifiers, @Valid Core core, Object billing, Object billingRunners,
        Object github) {

    public record Notifiers(@NotNull Boolean slack, @NotNull Boolean github, @NotNull Integer sinceDays,
            Boolean githubPr) {
    }

    public record Core(@NotNull Double minMagnitude, @NotNull Double maxPvalue, String algorithm, Integer windowLen) {
    }
}
