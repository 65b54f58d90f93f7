package dev.tarkka;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;

import dev.tarkka.support.Api;
import dev.tarkka.support.MongoTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;

/**
 * The API description (Part A12): served where Quarkus and Nyrkio serve it, complete, and true to the service.
 * <ul>
 * <li>every route of every JAX-RS resource in {@code dev.tarkka} is in the document, with the method, and with the
 * two credentials where the resource requires one; the routes are read from the compiled classes, not listed here;</li>
 * <li>every operation shows an example of what it answers or takes;</li>
 * <li>the upload schema accepts the seed's upload bodies (and the service stores them), and refuses broken ones.</li>
 * </ul>
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
class OpenApiTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Set<String> HTTP_METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");
    static final String UPLOAD = "/api/v0/result/{name}";

    static JsonNode document;

    @BeforeEach
    void readDocument() throws IOException {
        if (document != null) {
            return;
        }
        document = JSON.readTree(given().get("/openapi.json").then().statusCode(200).contentType(ContentType.JSON)
                .extract().asByteArray());
    }

    @Test
    void theDocumentIsServedAsQuarkusAndNyrkioServeIt() throws IOException {
        JsonNode quarkus = JSON.readTree(given().accept(ContentType.JSON).get("/q/openapi").then().statusCode(200)
                .contentType(ContentType.JSON).extract().asByteArray());
        assertThat(quarkus).isEqualTo(document);
        assertThat(document.path("openapi").asText()).startsWith("3.");
        given().get("/q/openapi").then().statusCode(200).contentType(containsString("yaml"));
        given().get("/q/swagger-ui/").then().statusCode(200).contentType(ContentType.HTML)
                .body(containsString("swagger-ui-bundle.js"));
        given().redirects().follow(false).get("/docs").then().statusCode(302).header("Location", "/q/swagger-ui/");
        given().get("/docs").then().statusCode(200).contentType(ContentType.HTML);
    }

    @Test
    void everyRouteOfEveryResourceIsDocumented() {
        Map<String, Route> routes = ResourceRoutes.of("dev.tarkka");
        assertThat(routes).as("routes found in the resources").hasSizeGreaterThan(30);
        List<String> problems = new ArrayList<>();
        routes.forEach((key, route) -> {
            JsonNode operation = document.path("paths").path(route.path()).path(route.method().toLowerCase());
            if (operation.isMissingNode()) {
                problems.add(key + ": not in the document");
                return;
            }
            Set<String> schemes = new TreeSet<>();
            operation.path("security").forEach(requirement -> requirement.fieldNames().forEachRemaining(schemes::add));
            Set<String> expected = route.authenticated() ? Set.of("bearer", "auth_cookie") : Set.of();
            if (!schemes.equals(expected)) {
                problems.add(key + ": security " + schemes + ", expected " + expected);
            }
            if (route.authenticated() && !operation.path("responses").has("401")) {
                problems.add(key + ": no 401");
            }
            if (!hasExample(operation)) {
                problems.add(key + ": no example of a successful answer or of the body");
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void theSecuritySchemesAreBearerJwtAndTheCookie() {
        JsonNode schemes = document.path("components").path("securitySchemes");
        assertThat(schemes.path("bearer").path("scheme").asText()).isEqualTo("bearer");
        assertThat(schemes.path("bearer").path("bearerFormat").asText()).isEqualTo("JWT");
        assertThat(schemes.path("auth_cookie").path("in").asText()).isEqualTo("cookie");
        assertThat(schemes.path("auth_cookie").path("name").asText()).isEqualTo("auth_cookie");
    }

    /** The 422 answer is documented as the list the service gives, and the change report as Nyrkio's map. */
    @Test
    void errorAndReportShapesAreTheRealOnes() {
        Api user = Api.newUser();
        String invalid = user.as().contentType(ContentType.JSON).body("[{\"timestamp\": 1}]").post("/api/v0/result/shapes")
                .then().statusCode(422).extract().asString();
        assertValid(schemaOf(document.path("components").path("responses").path("ValidationError")), invalid);
        String report = user.as().contentType(ContentType.JSON).body(seedBodies().get("01-minimal-data").path("body").toString())
                .post("/api/v0/result/shapes").then().statusCode(200).extract().asString();
        assertValid(schemaOf(document.path("paths").path(UPLOAD).path("post").path("responses").path("200")), report);
        String notFound = user.as().get("/api/v0/result/nothing-here").then().statusCode(404).extract().asString();
        assertValid(schemaOf(document.path("components").path("responses").path("NotFound")), notFound);
    }

    @Test
    void theUploadSchemaAcceptsTheSeedBodiesAndTheServiceStoresThem() {
        JsonObject upload = schemaOf(document.path("paths").path(UPLOAD).path("post").path("requestBody"));
        Map<String, JsonNode> seeds = seedBodies();
        assertThat(seeds).hasSize(8);
        Api user = Api.newUser();
        seeds.forEach((file, seed) -> {
            assertValid(upload, seed.path("body").toString());
            user.as().contentType(ContentType.JSON).body(seed.path("body").toString())
                    .post("/api/v0/result/" + seed.path("name").asText()).then().statusCode(200);
        });
        user.as().get("/api/v0/result/org/repo/branch/diagnostic").then().statusCode(200).body("size()", equalTo(1));
    }

    @Test
    void theUploadSchemaRefusesWhatTheServiceRefuses() {
        JsonObject upload = schemaOf(document.path("paths").path(UPLOAD).path("post").path("requestBody"));
        String point = seedBodies().get("01-minimal-data").path("body").get(0).toString();
        for (String bad : List.of("{}", "[]", "[1]", point.replace("\"attributes\"", "\"attrs\""),
                point.replace("\"lower_is_better\"", "\"sideways\""), point.replace("12.5", "null"),
                point.replace("\"timestamp\":1700000000", "\"timestamp\":null"))) {
            String body = bad.startsWith("{\"timestamp") ? "[" + bad + "]" : bad;
            OutputUnit result = validator(upload).validate(Json.decodeValue(body));
            assertThat(result.getValid()).as("the schema refuses %s", body).isFalse();
            Api.newUser().as().contentType(ContentType.JSON).body(body).post("/api/v0/result/refused").then()
                    .statusCode(anyOf(equalTo(400), equalTo(422)));
        }
    }

    // ------------------------------------------------------------------ helpers

    record Route(String method, String path, boolean authenticated) {
    }

    /** The routes of the JAX-RS resources in a package, read from their compiled classes. */
    static final class ResourceRoutes {

        static Map<String, Route> of(String pkg) {
            Map<String, Route> routes = new TreeMap<>();
            for (JavaClass resource : ArchitectureTest.CLASSES) {
                if (!resource.getPackageName().startsWith(pkg) || !resource.isAnnotatedWith(jakarta.ws.rs.Path.class)
                        || isPages(resource)) {
                    continue;
                }
                String base = resource.getAnnotationOfType(jakarta.ws.rs.Path.class).value();
                boolean classSecured = secured(resource.isAnnotatedWith(io.quarkus.security.Authenticated.class),
                        resource.isAnnotatedWith(jakarta.annotation.security.RolesAllowed.class));
                for (JavaMethod method : resource.getMethods()) {
                    String verb = method.getAnnotations().stream().map(a -> a.getRawType().getSimpleName())
                            .filter(HTTP_METHODS::contains).findFirst().orElse(null);
                    if (verb == null) {
                        continue;
                    }
                    String sub = method.isAnnotatedWith(jakarta.ws.rs.Path.class)
                            ? method.getAnnotationOfType(jakarta.ws.rs.Path.class).value() : "";
                    boolean authenticated = classSecured || secured(method.isAnnotatedWith(io.quarkus.security.Authenticated.class),
                            method.isAnnotatedWith(jakarta.annotation.security.RolesAllowed.class));
                    String path = template(base + "/" + sub);
                    routes.put(verb + " " + path, new Route(verb, path, authenticated));
                }
            }
            return routes;
        }

        /** The dashboard's HTML pages are for people, not part of the API the document describes. */
        private static boolean isPages(JavaClass resource) {
            return resource.isAnnotatedWith(jakarta.ws.rs.Produces.class) && List.of(resource
                    .getAnnotationOfType(jakarta.ws.rs.Produces.class).value()).contains(jakarta.ws.rs.core.MediaType.TEXT_HTML);
        }

        private static boolean secured(boolean authenticated, boolean roles) {
            return authenticated || roles;
        }

        /** {@code /a//{name: .*}/} → {@code /a/{name}}: as OpenAPI writes a JAX-RS template. */
        static String template(String path) {
            String plain = path.replaceAll("\\{\\s*([A-Za-z0-9_]+)\\s*:[^}]*}", "{$1}").replaceAll("/+", "/");
            return plain.length() > 1 && plain.endsWith("/") ? plain.substring(0, plain.length() - 1) : plain;
        }
    }

    /**
     * Whether the operation shows an example of its successful answer or of its body, in place or in a schema (an
     * answer without a body, 204, needs none).
     */
    static boolean hasExample(JsonNode operation) {
        List<JsonNode> places = new ArrayList<>();
        boolean[] answersNothing = { false };
        operation.path("responses").fields().forEachRemaining(e -> {
            if (e.getKey().startsWith("2")) {
                places.add(resolve(e.getValue()));
                answersNothing[0] |= e.getKey().equals("204");
            }
        });
        // an operation that only redirects (the verification link's 307 to the login page) has no body to show either
        List<String> codes = new ArrayList<>();
        operation.path("responses").fieldNames().forEachRemaining(codes::add);
        answersNothing[0] |= codes.stream().noneMatch(c -> c.startsWith("2")) && codes.stream().anyMatch(c -> c.startsWith("3"));
        if (answersNothing[0] && !operation.has("requestBody")) {
            return true; // nothing to show
        }
        if (operation.has("requestBody")) {
            places.add(resolve(operation.path("requestBody")));
        }
        for (JsonNode place : places) {
            for (JsonNode media : iterable(place.path("content").elements())) {
                if (media.has("examples") || media.has("example") || schemaHasExample(media.path("schema"), 0)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean schemaHasExample(JsonNode schema, int depth) {
        JsonNode resolved = resolve(schema);
        if (resolved.has("examples") || resolved.has("example")) {
            return true;
        }
        if (depth > 3) {
            return false;
        }
        for (String nested : List.of("items", "additionalProperties")) {
            if (resolved.has(nested) && schemaHasExample(resolved.path(nested), depth + 1)) {
                return true;
            }
        }
        for (JsonNode alternative : resolved.path("oneOf")) {
            if (schemaHasExample(alternative, depth + 1)) {
                return true;
            }
        }
        return false;
    }

    /** Follows a local {@code $ref} ({@code #/components/...}). */
    static JsonNode resolve(JsonNode node) {
        for (int hops = 0; node.has("$ref"); hops++) {
            assertThat(hops).as("a $ref chain ends").isLessThan(10);
            node = document.at(node.path("$ref").asText().substring(1));
        }
        return node;
    }

    private static <T> Iterable<T> iterable(Iterator<T> iterator) {
        return () -> iterator;
    }

    /** The JSON schema of a response or request body's JSON content, with the document's components to resolve references. */
    static JsonObject schemaOf(JsonNode responseOrBody) {
        JsonNode schema = resolve(responseOrBody).path("content").path("application/json").path("schema");
        assertThat(schema.isMissingNode()).as("a JSON schema in %s", responseOrBody).isFalse();
        ObjectNode standalone = schema.deepCopy();
        standalone.set("components", document.path("components"));
        return new JsonObject(standalone.toString());
    }

    static Validator validator(JsonObject schema) {
        return Validator.create(JsonSchema.of(schema),
                new JsonSchemaOptions().setDraft(Draft.DRAFT202012).setBaseUri("https://tarkka.test/openapi.json"));
    }

    static void assertValid(JsonObject schema, String json) {
        OutputUnit result = validator(schema).validate(Json.decodeValue(json));
        assertThat(result.getValid()).as("%s is valid: %s", json, result.getErrors()).isTrue();
    }

    /** The seed's upload bodies, by file name (src/test/resources/seed-uploads). */
    static Map<String, JsonNode> seedBodies() {
        try {
            Path dir = Path.of(OpenApiTest.class.getResource("/seed-uploads").toURI());
            Map<String, JsonNode> bodies = new TreeMap<>();
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                    try (InputStream in = Files.newInputStream(file)) {
                        bodies.put(file.getFileName().toString().replace(".json", ""), JSON.readTree(in));
                    }
                }
            }
            return bodies;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
