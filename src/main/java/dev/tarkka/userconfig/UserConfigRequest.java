package dev.tarkka.userconfig;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Body of POST/PUT {@code /user/config} (api.md §6), bound to a type and checked with bean validation: within a
 * present {@code notifiers} or {@code core} object Nyrkio's fields are required, as in Nyrkio; {@code core.algorithm}
 * and {@code core.window_len} are Tarkka's own and optional. Unknown keys are dropped.
 */
@Schema(examples = """
        {"notifiers": {"slack": false, "github": true, "since_days": 14, "github_token": "github_pat_..."},
         "core": {"max_pvalue": 0.001, "min_magnitude": 0.05, "algorithm": "otava"}}""")
public record UserConfigRequest(@Valid Notifiers notifiers, @Valid Core core, Object billing, Object billingRunners,
        Object github) {

    /**
     * Nyrkio's four fields, replaced on every write as in Nyrkio, then Tarkka's channels, each of which a write may
     * leave out (the stored value stays: Nyrkio's GitHub Action writes the notifiers on every run without them),
     * send as {@code null} (the stored value is removed) or send back masked as a read showed it (kept as stored).
     * Bound through setters, which Jackson calls only for keys the body has: that tells "left out" from "null".
     */
    public static final class Notifiers {

        @NotNull
        private Boolean slack;
        @NotNull
        private Boolean github;
        @NotNull
        private Integer sinceDays;
        private Boolean githubPr;
        @Size(max = 2048)
        private String slackWebhookUrl;
        @Size(min = 1, max = 1024)
        private String githubToken;
        @Size(max = 2048)
        private String githubApiUrl;
        @Valid
        private Webhook webhook;
        @Size(max = 20)
        private List<@NotBlank @Email @Size(max = 320) String> email;
        private Boolean regressionsOnly;
        private final Set<String> sent = new HashSet<>();

        public Notifiers() {
        }

        /** Nyrkio's fields alone, as its clients send them. */
        public Notifiers(boolean slack, boolean github, int sinceDays, Boolean githubPr) {
            this.slack = slack;
            this.github = github;
            this.sinceDays = sinceDays;
            this.githubPr = githubPr;
        }

        public Boolean slack() {
            return slack;
        }

        public Boolean github() {
            return github;
        }

        public Integer sinceDays() {
            return sinceDays;
        }

        public Boolean githubPr() {
            return githubPr;
        }

        /** null when the write leaves it out; empty when it sends null. */
        public Optional<String> slackWebhookUrl() {
            return sent("slack_webhook_url", slackWebhookUrl);
        }

        public Optional<String> githubToken() {
            return sent("github_token", githubToken);
        }

        public Optional<String> githubApiUrl() {
            return sent("github_api_url", githubApiUrl);
        }

        public Optional<Webhook> webhook() {
            return sent("webhook", webhook);
        }

        public Optional<List<String>> email() {
            return sent("email", email);
        }

        public Optional<Boolean> regressionsOnly() {
            return sent("regressions_only", regressionsOnly);
        }

        private <T> Optional<T> sent(String key, T value) {
            return sent.contains(key) ? Optional.ofNullable(value) : null;
        }

        public void setSlack(Boolean slack) {
            this.slack = slack;
        }

        public void setGithub(Boolean github) {
            this.github = github;
        }

        public void setSinceDays(Integer sinceDays) {
            this.sinceDays = sinceDays;
        }

        public void setGithubPr(Boolean githubPr) {
            this.githubPr = githubPr;
        }

        public void setSlackWebhookUrl(String slackWebhookUrl) {
            this.slackWebhookUrl = slackWebhookUrl;
            sent.add("slack_webhook_url");
        }

        public void setGithubToken(String githubToken) {
            this.githubToken = githubToken;
            sent.add("github_token");
        }

        public void setGithubApiUrl(String githubApiUrl) {
            this.githubApiUrl = githubApiUrl;
            sent.add("github_api_url");
        }

        public void setWebhook(Webhook webhook) {
            this.webhook = webhook;
            sent.add("webhook");
        }

        public void setEmail(List<String> email) {
            this.email = email;
            sent.add("email");
        }

        public void setRegressionsOnly(Boolean regressionsOnly) {
            this.regressionsOnly = regressionsOnly;
            sent.add("regressions_only");
        }
    }

    /** A generic webhook: a URL to post to, and the secret its payloads are signed with (optional). */
    @Schema(name = "Webhook")
    public record Webhook(@NotBlank @Size(max = 2048) String url, @Size(max = 1024) String secret) {
    }

    @Schema(name = "DetectionSettings")
    public record Core(@NotNull Double minMagnitude, @NotNull Double maxPvalue,
            @JsonInclude(JsonInclude.Include.NON_NULL) String algorithm,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer windowLen) {
    }
}
