package dev.tarkka.userconfig;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A user's configuration as {@code GET /user/config} shows it (api.md §6): the keys that were set, secrets
 * masked, and {@code billing}/{@code billing_runners} always null (Tarkka has no billing).
 */
@Schema(examples = """
        {"notifiers": {"slack": false, "github": true, "since_days": 14, "github_token": "********"},
         "core": {"min_magnitude": 0.05, "max_pvalue": 0.001, "algorithm": "otava"}, "billing": null, "billing_runners": null}""")
public record UserConfig(@JsonInclude(JsonInclude.Include.NON_NULL) NotifierSettings.View notifiers,
        @JsonInclude(JsonInclude.Include.NON_NULL) UserConfigRequest.Core core, Object billing,
        Object billingRunners) {
}
