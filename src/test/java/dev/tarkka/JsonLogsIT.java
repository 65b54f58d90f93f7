package dev.tarkka;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import dev.tarkka.http.RequestLog;
import dev.tarkka.support.Commands;
import dev.tarkka.support.PackagedApp;
import io.netty.channel.Channel;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The packaged app with {@code TARKKA_LOG_JSON=true}, as a log collector reads it: every line of its console is one
 * JSON object, each request has a line with its request id, and a request that fails unexpectedly (its store
 * answers an error Tarkka does not expect) shows the same {@code error_id} and request id in its answer and in its
 * log lines. With {@code jq} installed, the log is also read line by line with it.
 */
class JsonLogsIT {

    static final ObjectMapper JSON = new ObjectMapper();

    PackagedApp app;
    MongoServer store;

    @AfterEach
    void stop() throws InterruptedException {
        if (app != null) {
            app.stop();
        }
        if (store != null) {
            store.shutdownNow();
        }
    }

    @Test
    void logsAreJsonLinesWithTheRequestIdAndTheErrorId() throws Exception {
        store = new MongoServer(new SeriesReadsFail());
        InetSocketAddress address = store.bind();
        Path keys = Path.of("target", "test-keys", UUID.randomUUID().toString()).toAbsolutePath();
        app = PackagedApp.of("json-logs", keys, Map.of("TARKKA_LOG_JSON", "true", "QUARKUS_MONGODB_CONNECTION_STRING",
                "mongodb://" + address.getHostString() + ":" + address.getPort())).start("run");

        given().baseUri(app.baseUri()).contentType(ContentType.JSON)
                .body(Map.of("email", "logs@example.com", "password", "secret")).post("/api/v0/auth/register").then().statusCode(201);
        String token = given().baseUri(app.baseUri()).contentType(ContentType.URLENC).formParam("username", "logs@example.com")
                .formParam("password", "secret").post("/api/v0/auth/jwt/login").then().statusCode(200).extract().path("access_token");
        Response failed = given().baseUri(app.baseUri()).header("Authorization", "Bearer " + token).get("/api/v0/result/some/test");
        assertThat(failed.statusCode()).isEqualTo(500);
        String requestId = failed.header(RequestLog.HEADER);
        String errorId = failed.jsonPath().getString("error_id");
        assertThat(failed.jsonPath().getString("request_id")).isEqualTo(requestId);
        app.stop();

        Path log = Path.of("target", "json-logs-run.log");
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            lines.add(JSON.readTree(line)); // fails on a line that is not JSON
        }
        List<JsonNode> ofTheRequest = lines.stream()
                .filter(l -> requestId.equals(l.path("mdc").path(RequestLog.MDC_KEY).asText(null))).toList();
        assertThat(ofTheRequest).as("the request's log lines").hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(l -> assertThat(l.toString()).contains(errorId));
        assertThat(ofTheRequest).anySatisfy(l -> assertThat(l.path("message").asText())
                .startsWith("GET /api/v0/result/some/test 500 "));
        assertThat(ofTheRequest).anySatisfy(l -> assertThat(l.path("exception").path("exceptionType").asText())
                .startsWith("com.mongodb.Mongo"));
        if (Commands.onPath("jq")) {
            Process jq = new ProcessBuilder("jq", "-c", "select(.mdc.request_id == \"" + requestId + "\") | .level")
                    .redirectInput(log.toFile()).redirectErrorStream(true).start();
            assertThat(jq.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String levels = new String(jq.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(jq.exitValue()).as(levels).isZero();
            assertThat(levels).contains("\"ERROR\"").contains("\"INFO\"");
        }
    }

    /** A store whose reads of stored points fail with an error Tarkka has no answer for: the request gets a 500. */
    static final class SeriesReadsFail extends MemoryBackend {
        @Override
        public Document handleCommand(Channel channel, String database, String command, Document query) {
            if (command.equals("find") && "test_results".equals(query.get("find"))) {
                throw new MongoServerError(8000, "AtlasError", "a failure for the test");
            }
            return super.handleCommand(channel, database, command, query);
        }
    }
}
