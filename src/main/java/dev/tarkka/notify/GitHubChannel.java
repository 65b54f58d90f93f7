package dev.tarkka.notify;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tarkka.config.TarkkaConfig;
import dev.tarkka.http.OutboundHttp;
import dev.tarkka.userconfig.NotifierSettings;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;

/**
 * GitHub, with the owner's token (a fine-grained personal access token or an installation token) and API URL
 * (GitHub Enterprise), switched on by Nyrkio's {@code notifiers.github}: one issue per regressing commit and test,
 * and one comment per pull request, updated in place with each new verdict. Both carry a marker, so a send that
 * may have reached GitHub before a crash finds what it made instead of making it twice.
 */
@ApplicationScoped
class GitHubChannel implements Channel {

    static final int MAX_PAGES = 10;

    private final OutboundHttp http;
    private final Messages messages;
    private final ObjectMapper json;
    private final TarkkaConfig.Notify config;

    GitHubChannel(OutboundHttp http, Messages messages, ObjectMapper json, TarkkaConfig config) {
        this.http = http;
        this.messages = messages;
        this.json = json;
        this.config = config.notifications();
    }

    @Override
    public String name() {
        return "github";
    }

    @Override
    public boolean configured(NotifierSettings settings) {
        return settings.github() && settings.githubToken() != null;
    }

    /** Issues are for regressions: an improvement is not work to do. */
    @Override
    public boolean announces(ChangeNotice notice) {
        return notice.hasRegression();
    }

    @Override
    public boolean announcesPulls() {
        return true;
    }

    @Override
    public Uni<String> deliver(OutboxEntry entry, NotifierSettings settings) {
        return entry.change() != null ? issue(entry, settings) : pullComment(entry, settings);
    }

    @Override
    public Uni<String> test(NotifierSettings settings) {
        return call(settings, HttpMethod.GET, "/user", null).map(user -> "authenticated as " + user.path("login").asText());
    }

    private Uni<String> issue(OutboxEntry entry, NotifierSettings settings) {
        String repo = repository(entry.change().gitRepo());
        String marker = "<!-- tarkka:" + entry.id() + " -->";
        Uni<String> existing = entry.mayHaveBeenSent()
                ? find(settings, "/repos/" + repo + "/issues?state=all&sort=created&direction=desc", marker)
                        .map(found -> found == null ? null : found.path("html_url").asText())
                : Uni.createFrom().nullItem();
        return existing.onItem().ifNull().switchTo(() -> {
            Map<String, Object> issue = new LinkedHashMap<>();
            issue.put("title", messages.title(entry.change()));
            issue.put("body", messages.issueBody(entry.change(), marker));
            return call(settings, HttpMethod.POST, "/repos/" + repo + "/issues", issue)
                    .map(created -> created.path("html_url").asText());
        });
    }

    private Uni<String> pullComment(OutboxEntry entry, NotifierSettings settings) {
        PullNotice pull = entry.pull();
        String marker = "<!-- tarkka:pull-request:" + entry.owner().toHexString() + " -->";
        String issue = "/repos/" + pull.repo() + "/issues/" + pull.pullNumber();
        Map<String, Object> comment = Map.of("body", messages.pullComment(pull, marker));
        return find(settings, issue + "/comments?", marker).chain(found -> found == null
                ? call(settings, HttpMethod.POST, issue + "/comments", comment)
                : call(settings, HttpMethod.PATCH, "/repos/" + pull.repo() + "/issues/comments/" + found.path("id").asLong(),
                        comment))
                .map(written -> written.path("html_url").asText());
    }

    /** The first item of a listing whose body has the marker, looking through a few pages; null when none has. */
    private Uni<JsonNode> find(NotifierSettings settings, String listing, String marker) {
        return page(settings, listing, marker, 1);
    }

    private Uni<JsonNode> page(NotifierSettings settings, String listing, String marker, int page) {
        String separator = listing.endsWith("?") ? "" : "&";
        return call(settings, HttpMethod.GET, listing + separator + "per_page=100&page=" + page, null).chain(items -> {
            for (JsonNode item : items) {
                if (item.path("body").asText().contains(marker)) {
                    return Uni.createFrom().item(item);
                }
            }
            return items.size() < 100 || page >= MAX_PAGES ? Uni.createFrom().nullItem()
                    : page(settings, listing, marker, page + 1);
        });
    }

    private Uni<JsonNode> call(NotifierSettings settings, HttpMethod method, String path, Object body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + settings.githubToken());
        headers.put("Accept", "application/vnd.github+json");
        headers.put("X-GitHub-Api-Version", "2022-11-28");
        headers.put("User-Agent", "Tarkka");
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        String api = settings.githubApi().endsWith("/") ? settings.githubApi().substring(0, settings.githubApi().length() - 1)
                : settings.githubApi();
        return http.send(method, api + path, headers, body == null ? null : Bodies.json(json, body), config.sendTimeout())
                .map(response -> {
                    Bodies.accepted(response);
                    try {
                        return json.readTree(response.body());
                    } catch (Exception e) {
                        throw new DeliveryFailure("GitHub answered " + response.statusLine() + " with no JSON");
                    }
                });
    }

    /** {@code owner/name} of a repository URL such as {@code https://github.com/owner/name(.git)}. */
    static String repository(String gitRepo) {
        String path;
        try {
            path = URI.create(gitRepo).getPath();
        } catch (IllegalArgumentException e) {
            path = null;
        }
        String[] segments = path == null ? new String[0] : path.replaceAll("^/+|/+$", "").split("/");
        if (segments.length < 2) {
            throw new DeliveryFailure("git_repo " + gitRepo + " does not name a GitHub repository");
        }
        String name = segments[segments.length - 1].replaceAll("\\.git$", "");
        return segments[segments.length - 2] + "/" + name;
    }
}
