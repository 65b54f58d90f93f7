package dev.tarkka.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/**
 * Nyrkio's addresses of the API description, beside Quarkus's: {@code /openapi.json} is the document itself
 * ({@code /q/openapi.json}), {@code /docs} sends a browser to Swagger UI ({@code /q/swagger-ui/}, whose pages load
 * their scripts relative to it). Both follow Quarkus's switches: with the document or the UI turned off, they
 * answer 404 like any unknown path.
 */
@ApplicationScoped
class DocsAliases {

    static final String DOCUMENT = "/q/openapi.json";
    static final String SWAGGER_UI = "/q/swagger-ui/";

    void install(@Observes Router router) {
        router.get("/openapi.json").handler(context -> {
            RequestLog.countAs("/openapi.json");
            context.reroute(DOCUMENT);
        });
        router.get("/docs").handler(context -> context.response().setStatusCode(302)
                .putHeader(HttpHeaders.LOCATION, SWAGGER_UI).end());
    }
}
