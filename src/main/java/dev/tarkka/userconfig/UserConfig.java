package dev.tarkka.userconfig;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A user's configuration as {@code GET /user/config} shows it (api.md §6): the keys that were set, secrets
 * masked, and {@code billing}/{@code billing_runners} always null (Tarkka has no billing).
 */
public record UserConfig(@JsonInclude(JsonInclude.Include.NON_NULL) NotifierSettings.View notifiers,
        @JsonInclude(JsonInclude.Include.NON_NULL) UserConfigRequest.Core core, Object billing,
        Object billingRunners) {
}
