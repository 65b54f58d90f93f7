package dev.tarkka.userconfig;

import java.util.List;
import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Body of POST/PUT {@code /user/config} (api.md §6), bound to a type and checked with bean validation: within a
 * present {@code notifiers} or {@code core} object Nyrkio's fields are required, as in Nyrkio; {@code core.algorithm}
 * and {@code core.window_len} are Tarkka's own and optional. Unknown keys are dropped.
 */
public record UserConfigRequest(@Valid Notifiers notifiers, @Valid Core core, Object billing, Object billingRunners,
        Object github) {

    /**
     * Nyrkio's four fields, replaced on every write as in Nyrkio, then Tarkka's channels. Each of those is
     * {@code null} when the request leaves it out (the stored value stays: Nyrkio's GitHub Action writes the
     * notifiers on every run without them), empty when it is sent as {@code null} (the stored value is removed),
     * and kept as stored when it is sent back masked as a read showed it.
     */
    public record Notifiers(@NotNull Boolean slack, @NotNull Boolean github, @NotNull Integer sinceDays,
            Boolean githubPr,
            Optional<@Size(max = 2048) String> slackWebhookUrl,
            Optional<@NotBlank @Size(max = 1024) String> githubToken,
            Optional<@Size(max = 2048) String> githubApiUrl,
            Optional<@Valid Webhook> webhook,
            Optional<@Size(max = 20) List<@NotBlank @Email @Size(max = 320) String>> email,
            Optional<Boolean> regressionsOnly) {
    }

    /** A generic webhook: a URL to post to, and the secret its payloads are signed with (optional). */
    public record Webhook(@NotBlank @Size(max = 2048) String url, @Size(max = 1024) String secret) {
    }

    public record Core(@NotNull Double minMagnitude, @NotNull Double maxPvalue,
            @JsonInclude(JsonInclude.Include.NON_NULL) String algorithm,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer windowLen) {
    }
}
