package dev.tarkka.userconfig;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A user's stored configuration as {@code GET /user/config} shows it (api.md §6): the keys that were set, and
 * {@code billing}/{@code billing_runners} always null (Tarkka has no billing).
 */
public record UserConfig(@JsonInclude(JsonInclude.Include.NON_NULL) UserConfigRequest.Notifiers notifiers,
        @JsonInclude(JsonInclude.Include.NON_NULL) UserConfigRequest.Core core, Object billing,
        Object billingRunners) {

    static final UserConfig NONE = new UserConfig(null, null, null, null);
}
