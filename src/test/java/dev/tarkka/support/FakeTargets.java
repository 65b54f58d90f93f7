package dev.tarkka.support;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Fakes of what notifications reach, on one loopback port: a Slack incoming webhook ({@code /slack}), a webhook
 * receiver ({@code /hook}) and the parts of the GitHub API Tarkka uses ({@code /github/...}), plus an SMTP server.
 * Each remembers what it got; {@link #mode} makes them answer 500, answer too late, or refuse connections.
 * <p>
 * Tests read and steer them over a second, always-open port ({@link #controlUrl}): the fakes are started by a
 * test resource in another class loader than the test's, and the packaged app's tests run in another process.
 */
public final class FakeTargets {

    /** How the fakes answer. */
    public enum Mode {
        OK, ERROR_500, TOO_SLOW, REFUSE
    }

    /** A request a fake got: when, its headers and body, and whether its answer was sent (acknowledged). */
    public record Received(long at, Map<String, String> headers, String body, AtomicReference<Boolean> answered) {

        public boolean acknowledged() {
            return Boolean.TRUE.equals(answered.get());
        }
    }

    /** An issue or comment the fake GitHub holds. */
    public record GitHubItem(long id, String repo, int number, String title, AtomicReference<String> body) {
    }

    private final Vertx vertx = Vertx.vertx();
    private final int port;
    private HttpServer server;
    private volatile Mode mode = Mode.OK;
    /** Answers are sent after this long: a delivery is then in flight for a while. */
    private volatile long delayMillis;

    public final List<Received> slack = new CopyOnWriteArrayList<>();
    public final List<Received> hooks = new CopyOnWriteArrayList<>();
    public final List<GitHubItem> issues = new CopyOnWriteArrayList<>();
    public final List<GitHubItem> comments = new CopyOnWriteArrayList<>();
    public final AtomicInteger commentEdits = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong(1000);

    private final FakeSmtp smtp = new FakeSmtp();
    private final HttpServer control;

    public FakeTargets() {
        this.port = listen(0);
        this.control = await(vertx.createHttpServer().requestHandler(controlRouter()).listen(0, "127.0.0.1"));
    }

    public int smtpPort() {
        return smtp.port();
    }

    public String controlUrl() {
        return "http://127.0.0.1:" + control.actualPort();
    }

    /** GET /slack, /hooks, /issues, /comments, /mails, /edits; POST /mode/{mode}, /delay/{millis}, /clear. */
    private Router controlRouter() {
        Router router = Router.router(vertx);
        router.get("/slack").handler(c -> c.json(received(slack)));
        router.get("/hooks").handler(c -> c.json(received(hooks)));
        router.get("/issues").handler(c -> c.json(items(issues)));
        router.get("/comments").handler(c -> c.json(items(comments)));
        router.get("/edits").handler(c -> c.json(new JsonObject().put("edits", commentEdits.get())));
        router.get("/mails").handler(c -> {
            JsonArray list = new JsonArray();
            smtp.mails.forEach(m -> list.add(new JsonObject().put("to", new JsonArray(m.to())).put("data", m.data())
                    .put("message_id", m.header("Message-ID")).put("subject", m.header("Subject"))));
            c.json(list);
        });
        router.post("/mode/:mode").blockingHandler(c -> {
            mode(Mode.valueOf(c.pathParam("mode")));
            c.response().end();
        });
        router.post("/delay/:millis").handler(c -> {
            delay(Long.parseLong(c.pathParam("millis")));
            c.response().end();
        });
        router.post("/clear").handler(c -> {
            clear();
            c.response().end();
        });
        return router;
    }

    private static JsonArray received(List<Received> list) {
        JsonArray array = new JsonArray();
        list.forEach(r -> array.add(new JsonObject().put("headers", new JsonObject(new java.util.HashMap<>(r.headers())))
                .put("body", r.body()).put("acknowledged", r.acknowledged())));
        return array;
    }

    private static JsonArray items(List<GitHubItem> list) {
        JsonArray array = new JsonArray();
        list.forEach(i -> array.add(json(i).put("repo", i.repo())));
        return array;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public void mode(Mode mode) {
        this.mode = mode;
        if (mode == Mode.REFUSE && server != null) {
            await(server.close());
            server = null;
        } else if (mode != Mode.REFUSE && server == null) {
            listen(port);
        }
    }

    public void delay(long millis) {
        this.delayMillis = millis;
    }

    public void clear() {
        smtp.mails.clear();
        slack.clear();
        hooks.clear();
        issues.clear();
        comments.clear();
        commentEdits.set(0);
    }

    public void close() {
        smtp.close();
        await(vertx.close());
    }

    private int listen(int wanted) {
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create());
        router.route().handler(this::faults);
        router.post("/slack").handler(context -> record(slack, context, "ok"));
        router.post("/hook").handler(context -> record(hooks, context, "{}"));
        router.get("/github/user").handler(context -> answer(context, 200, new JsonObject().put("login", "tarkka-bot").encode()));
        router.getWithRegex("/github/repos/([^/]+/[^/]+)/issues").handler(context -> answer(context, 200,
                list(issues, context.pathParam("param0"), -1)));
        router.postWithRegex("/github/repos/([^/]+/[^/]+)/issues").handler(context -> {
            JsonObject body = context.body().asJsonObject();
            GitHubItem issue = new GitHubItem(ids.incrementAndGet(), context.pathParam("param0"), issues.size() + 1,
                    body.getString("title"), new AtomicReference<>(body.getString("body")));
            issues.add(issue);
            answer(context, 201, json(issue).encode());
        });
        router.getWithRegex("/github/repos/([^/]+/[^/]+)/issues/([0-9]+)/comments").handler(context -> answer(context, 200,
                list(comments, context.pathParam("param0"), Integer.parseInt(context.pathParam("param1")))));
        router.postWithRegex("/github/repos/([^/]+/[^/]+)/issues/([0-9]+)/comments").handler(context -> {
            GitHubItem comment = new GitHubItem(ids.incrementAndGet(), context.pathParam("param0"),
                    Integer.parseInt(context.pathParam("param1")), null,
                    new AtomicReference<>(context.body().asJsonObject().getString("body")));
            comments.add(comment);
            answer(context, 201, json(comment).encode());
        });
        router.patchWithRegex("/github/repos/([^/]+/[^/]+)/issues/comments/([0-9]+)").handler(context -> {
            long id = Long.parseLong(context.pathParam("param1"));
            GitHubItem comment = comments.stream().filter(c -> c.id() == id).findFirst().orElse(null);
            if (comment == null) {
                answer(context, 404, "{\"message\":\"Not Found\"}");
                return;
            }
            comment.body().set(context.body().asJsonObject().getString("body"));
            commentEdits.incrementAndGet();
            answer(context, 200, json(comment).encode());
        });
        server = await(vertx.createHttpServer().requestHandler(router).listen(wanted, "127.0.0.1"));
        return server.actualPort();
    }

    private void faults(RoutingContext context) {
        switch (mode) {
            case ERROR_500 -> answer(context, 500, "{\"message\":\"failing on purpose\"}");
            case TOO_SLOW -> vertx.setTimer(60_000, t -> {
                if (!context.response().closed()) {
                    context.response().setStatusCode(504).end();
                }
            });
            default -> context.next();
        }
    }

    private void record(List<Received> into, RoutingContext context, String answer) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        context.request().headers().forEach(h -> headers.put(h.getKey().toLowerCase(java.util.Locale.ROOT), h.getValue()));
        AtomicReference<Boolean> answered = new AtomicReference<>();
        into.add(new Received(System.nanoTime(), headers, context.body().asString(), answered));
        answer(context, 200, answer, answered);
    }

    private void answer(RoutingContext context, int status, String body) {
        answer(context, status, body, new AtomicReference<>());
    }

    /** Answers after the delay; {@code answered} says whether the answer reached the connection. */
    private void answer(RoutingContext context, int status, String body, AtomicReference<Boolean> answered) {
        Runnable send = () -> {
            if (context.response().closed()) {
                answered.set(false);
                return;
            }
            context.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body)
                    .onComplete(done -> answered.set(done.succeeded()));
        };
        if (delayMillis > 0) {
            vertx.setTimer(delayMillis, t -> send.run());
        } else {
            send.run();
        }
    }

    private static String list(List<GitHubItem> items, String repo, int number) {
        JsonArray list = new JsonArray();
        items.stream().filter(i -> i.repo().equals(repo) && (number < 0 || i.number() == number))
                .forEach(i -> list.add(json(i)));
        return list.encode();
    }

    private static JsonObject json(GitHubItem item) {
        return new JsonObject().put("id", item.id()).put("number", item.number()).put("title", item.title())
                .put("body", item.body().get())
                .put("html_url", "https://github.example/" + item.repo() + "/issues/" + item.number() + "#" + item.id());
    }

    private static <T> T await(io.vertx.core.Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
