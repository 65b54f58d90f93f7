package dev.tarkka.userconfig;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Body of POST/PUT {@code /user/config} (api.md §6), bound to a type and checked with bean validation: within a
 * present {@code notifiers} or {@code core} object the fields are required, as in Nyrkio; {@code core.algorithm}
 * and {@code core.window_len} are Tarkka's own and optional. Unknown keys are dropped. The same records show the
 * stored configuration.
 */
public record UserConfigRequest(@Valid Notifiers notifiers, @Valid Core core, Object billing, Object billingRunners,
        Object github) {

    /** @param githubPr stored as sent, null included (Nyrkio reads it back as null) */
    public record Notifiers(@NotNull Boolean slack, @NotNull Boolean github, @NotNull Integer sinceDays,
            Boolean githubPr) {
    }

    public record Core(@NotNull Double minMagnitude, @NotNull Double maxPvalue,
            @JsonInclude(JsonInclude.Include.NON_NULL) String algorithm,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer windowLen) {
    }
}
