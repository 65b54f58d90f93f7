package dev.tarkka.userconfig;

import java.net.URI;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An owner's notifier settings as stored: Nyrkio's switches ({@code slack}, {@code github}, {@code since_days},
 * {@code github_pr}) and Tarkka's channels, secrets included. Reads show {@link #masked()}.
 *
 * @param sinceDays       change points older than this many days are never announced (Nyrkio's default, 14)
 * @param slackWebhookUrl a Slack incoming-webhook URL (its path is its key)
 * @param githubToken     a fine-grained personal access token or an installation token
 * @param githubApiUrl    the GitHub API, for GitHub Enterprise (default {@value #GITHUB_API})
 * @param webhookUrl      where generic webhook payloads are posted
 * @param webhookSecret   signs webhook payloads (HMAC-SHA256), when set
 * @param email           addresses that get change notifications
 * @param regressionsOnly announce regressions only, not improvements
 */
public record NotifierSettings(boolean slack, boolean github, int sinceDays, Boolean githubPr, String slackWebhookUrl,
        String githubToken, String githubApiUrl, String webhookUrl, String webhookSecret, List<String> email,
        boolean regressionsOnly) {

    public static final int DEFAULT_SINCE_DAYS = 14;
    public static final String GITHUB_API = "https://api.github.com";
    /** What a read shows for a secret, and what a write may send back to keep it. */
    public static final String MASK = "********";
    public static final NotifierSettings NONE = new NotifierSettings(false, false, DEFAULT_SINCE_DAYS, null, null, null,
            null, null, null, List.of(), false);

    /** The GitHub API to use. */
    public String githubApi() {
        return githubApiUrl == null ? GITHUB_API : githubApiUrl;
    }

    /** The settings as a read shows them: secrets masked, Tarkka's fields only when set. */
    public View masked() {
        return new View(slack, github, sinceDays, githubPr, maskUrl(slackWebhookUrl), githubToken == null ? null : MASK,
                githubApiUrl, webhookUrl == null ? null : new View.Webhook(maskUrl(webhookUrl),
                        webhookSecret == null ? null : MASK),
                email.isEmpty() ? null : email, regressionsOnly ? Boolean.TRUE : null);
    }

    /** The JSON of the notifiers in a read of the configuration. */
    @Schema(name = "NotifierSettings", description = "Secrets are shown as ********")
    public record View(boolean slack, boolean github, int sinceDays, Boolean githubPr,
            @JsonInclude(JsonInclude.Include.NON_NULL) String slackWebhookUrl,
            @JsonInclude(JsonInclude.Include.NON_NULL) String githubToken,
            @JsonInclude(JsonInclude.Include.NON_NULL) String githubApiUrl,
            @JsonInclude(JsonInclude.Include.NON_NULL) Webhook webhook,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<String> email,
            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean regressionsOnly) {

        @Schema(name = "WebhookSettings")
        public record Webhook(String url, @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {
        }
    }

    /** A URL with its path and query (where keys live) hidden: {@code https://hooks.slack.com/********}. */
    static String maskUrl(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(url);
            return uri.getScheme() + "://" + uri.getRawAuthority() + "/" + MASK;
        } catch (Exception e) {
            return MASK;
        }
    }

    /** Whether a value sent in a write is a masked value a read showed, which keeps what is stored. */
    static boolean isMasked(String value) {
        return value != null && value.contains(MASK);
    }
}
