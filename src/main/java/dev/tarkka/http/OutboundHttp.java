package dev.tarkka.http;

import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;

/**
 * Requests to URLs users configured (notification targets). The host is resolved and checked by
 * {@link OutboundTargets} and the connection goes to exactly the address that was checked, so a DNS answer that
 * changes between check and connect cannot lead into the service's network. Redirects are followed only when
 * they keep the method (307, 308), at most three times, each target checked again.
 */
@ApplicationScoped
public class OutboundHttp {

    static final int MAX_REDIRECTS = 3;
    /** Responses are read for their status and for what Tarkka needs of them (an issue's URL), never echoed. */
    static final int MAX_BODY_BYTES = 1 << 20;

    private final OutboundTargets targets;
    private final HttpClient client;

    OutboundHttp(OutboundTargets targets, Vertx vertx) {
        this.targets = targets;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout(10_000)
                .setKeepAlive(false)
                .setVerifyHost(true)
                .setMaxRedirects(0));
    }

    /** A response: the status, and the body as text (bounded). */
    public record Response(int status, String body) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** What may be shown of it: the status alone. */
        public String statusLine() {
            return "HTTP " + status;
        }
    }

    /** Sends one request; fails with {@link OutboundTargets.RefusedTarget} when the target is refused. */
    public Uni<Response> send(HttpMethod method, String url, Map<String, String> headers, byte[] body,
            Duration timeout) {
        return send(method, url, headers, body, timeout, 0);
    }

    private Uni<Response> send(HttpMethod method, String url, Map<String, String> headers, byte[] body,
            Duration timeout, int redirects) {
        return Uni.createFrom().item(() -> {
            URI uri = OutboundTargets.parse(url);
            return new Target(uri, targets.resolve(uri.getHost()));
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()).chain(target -> {
            boolean https = target.uri().getScheme().equalsIgnoreCase("https");
            int port = target.uri().getPort() > 0 ? target.uri().getPort() : https ? 443 : 80;
            String path = target.uri().getRawPath() == null || target.uri().getRawPath().isEmpty() ? "/"
                    : target.uri().getRawPath();
            RequestOptions options = new RequestOptions()
                    .setMethod(method)
                    .setHost(target.uri().getHost())
                    .setPort(port)
                    .setSsl(https)
                    .setServer(SocketAddress.inetSocketAddress(port, target.address().getHostAddress()))
                    .setURI(target.uri().getRawQuery() == null ? path : path + "?" + target.uri().getRawQuery())
                    .setFollowRedirects(false)
                    .setTimeout(timeout.toMillis());
            headers.forEach(options::putHeader);
            return client.request(options)
                    .chain(request -> body == null ? request.send() : request.send(Buffer.buffer(body)))
                    .chain(response -> {
                        String location = response.getHeader("Location");
                        if ((response.statusCode() == 307 || response.statusCode() == 308) && location != null
                                && redirects < MAX_REDIRECTS) {
                            return response.body().replaceWithVoid().chain(() -> send(method,
                                    target.uri().resolve(location).toString(), headers, body, timeout, redirects + 1));
                        }
                        return response.body().map(buffer -> new Response(response.statusCode(), text(buffer)));
                    });
        });
    }

    private record Target(URI uri, InetAddress address) {
    }

    private static String text(Buffer buffer) {
        byte[] bytes = buffer.getBytes();
        int length = Math.min(bytes.length, MAX_BODY_BYTES);
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    @PreDestroy
    void close() {
        client.closeAndForget();
    }
}
