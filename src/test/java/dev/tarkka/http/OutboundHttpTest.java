package dev.tarkka.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vertx.core.http.HttpMethod;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpServer;

/**
 * Requests to user-configured URLs go only where the policy allows, redirects included. Here 127.0.0.2 plays the
 * service's own network and 127.0.0.1 the internet, so that both can be served on this machine.
 */
class OutboundHttpTest {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static Vertx vertx;
    static HttpServer server;
    static final List<String> requests = new CopyOnWriteArrayList<>();
    static OutboundHttp http;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(request -> {
            requests.add(request.host() + request.path());
            int port = request.localAddress().port();
            switch (request.path()) {
                case "/to-private" -> request.response().setStatusCode(307)
                        .putHeader("Location", "http://127.0.0.2:" + port + "/secret").endAndForget();
                case "/to-public" -> request.response().setStatusCode(308).putHeader("Location", "/ok").endAndForget();
                case "/moved" -> request.response().setStatusCode(302).putHeader("Location", "/ok").endAndForget();
                default -> request.response().setStatusCode(200).endAndForget("fine");
            }
        }).listen(0, "0.0.0.0").await().atMost(TIMEOUT);
        OutboundTargets policy = new OutboundTargets(false,
                address -> address.getHostAddress().equals("127.0.0.2") || !address.isLoopbackAddress());
        http = new OutboundHttp(policy, vertx);
    }

    @AfterAll
    static void stop() {
        vertx.closeAndAwait();
    }

    static String url(String host, String path) {
        return "http://" + host + ":" + server.actualPort() + path;
    }

    OutboundHttp.Response post(String url) {
        return http.send(HttpMethod.POST, url, Map.of(), "{}".getBytes(), TIMEOUT).await().atMost(TIMEOUT);
    }

    @Test
    void aTargetOnTheInternetIsReached() {
        assertThat(post(url("127.0.0.1", "/ok")).status()).isEqualTo(200);
    }

    @Test
    void aTargetInTheServicesNetworkIsRefusedBeforeAnythingIsSent() {
        int before = requests.size();
        assertThatThrownBy(() -> post(url("127.0.0.2", "/secret")))
                .isInstanceOf(OutboundTargets.RefusedTarget.class).hasMessageContaining("127.0.0.2");
        assertThat(requests).hasSize(before);
    }

    @Test
    void aRedirectIntoTheServicesNetworkIsNotFollowed() {
        requests.clear();
        assertThatThrownBy(() -> post(url("127.0.0.1", "/to-private")))
                .isInstanceOf(OutboundTargets.RefusedTarget.class).hasMessageContaining("127.0.0.2");
        assertThat(requests).noneMatch(r -> r.endsWith("/secret"));
    }

    @Test
    void redirectsThatKeepTheMethodAreFollowedAndOthersAnswered() {
        assertThat(post(url("127.0.0.1", "/to-public")).status()).isEqualTo(200);
        assertThat(post(url("127.0.0.1", "/moved")).status()).isEqualTo(302);
    }

    @Test
    void onlyHttpUrlsWithAHostAndNoCredentials() {
        assertThatThrownBy(() -> post("file:///etc/passwd")).isInstanceOf(OutboundTargets.RefusedTarget.class);
        assertThatThrownBy(() -> post("http://user:pw@127.0.0.1/")).isInstanceOf(OutboundTargets.RefusedTarget.class);
        assertThatThrownBy(() -> post("http:///nohost")).isInstanceOf(OutboundTargets.RefusedTarget.class);
    }

    @Test
    void theServicesOwnNetworkIsRecognised() throws Exception {
        for (String address : List.of("127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.0.1", "169.254.169.254",
                "100.64.0.1", "0.0.0.0", "224.0.0.1", "::1", "fe80::1", "fd00:ec2::254", "::ffff:10.0.0.1")) {
            assertThat(OutboundTargets.isPrivate(InetAddress.getByName(address))).as(address).isTrue();
        }
        for (String address : List.of("8.8.8.8", "140.82.112.3", "2606:4700::1111")) {
            assertThat(OutboundTargets.isPrivate(InetAddress.getByName(address))).as(address).isFalse();
        }
    }
}
