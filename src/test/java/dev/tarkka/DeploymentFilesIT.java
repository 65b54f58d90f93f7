package dev.tarkka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.tarkka.support.Commands;

/**
 * What {@code ./mvnw package} leaves for a deployment, read as Kubernetes and Docker would read it (neither runs
 * here): the generated manifests (probes, ports, secrets, grace period, disruption budget, autoscaler), the
 * kustomize files in {@code deploy/} (they parse, name files that exist, and build with {@code kubectl kustomize}
 * where kubectl is installed), and the files the Dockerfile copies.
 */
class DeploymentFilesIT {

    static final Path GENERATED = Path.of("target", "kubernetes", "kubernetes.yml");
    static final Path DEPLOY = Path.of("deploy");
    static final Path DOCKERFILE = Path.of("src", "main", "docker", "Dockerfile.jvm");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void theDeploymentHasProbesResourcesSecretsAndTime() throws IOException {
        Map<String, JsonNode> resources = byKind(documents(GENERATED));
        assertThat(resources).containsKeys("Deployment", "Service", "PodDisruptionBudget", "HorizontalPodAutoscaler");
        JsonNode deployment = resources.get("Deployment");
        JsonNode pod = deployment.path("spec").path("template").path("spec");
        JsonNode container = pod.path("containers").get(0);
        int port = container.path("ports").get(0).path("containerPort").asInt();
        assertThat(port).isEqualTo(8080);

        assertThat(deployment.path("spec").path("replicas").asInt()).isGreaterThan(1);
        assertProbe(container.path("livenessProbe"), "/q/health/live", port);
        assertProbe(container.path("readinessProbe"), "/q/health/ready", port);
        assertProbe(container.path("startupProbe"), "/q/health/started", port);
        assertThat(container.path("resources").path("requests").has("cpu")).isTrue();
        assertThat(container.path("resources").path("requests").has("memory")).isTrue();
        assertThat(container.path("resources").path("limits").has("memory")).isTrue();

        // the key pair from the Secret tarkka-jwt, mounted where the two locations point
        JsonNode volume = find(pod.path("volumes"), v -> v.path("secret").path("secretName").asText().equals("tarkka-jwt"));
        JsonNode mount = find(container.path("volumeMounts"), m -> m.path("name").asText().equals(volume.path("name").asText()));
        String keys = mount.path("mountPath").asText();
        assertThat(env(container, "MP_JWT_VERIFY_PUBLICKEY_LOCATION").path("value").asText()).isEqualTo(keys + "/public.pem");
        assertThat(env(container, "SMALLRYE_JWT_SIGN_KEY_LOCATION").path("value").asText()).isEqualTo(keys + "/private.pem");
        JsonNode store = env(container, "QUARKUS_MONGODB_CONNECTION_STRING").path("valueFrom").path("secretKeyRef");
        assertThat(store.path("name").asText()).isEqualTo("tarkka-mongodb");
        assertThat(store.path("key").asText()).isEqualTo("connection-string");

        // SIGTERM: serve for the shutdown delay with readiness down, then let requests finish
        Properties config = applicationProperties();
        Duration shutdown = Duration.parse("PT" + config.getProperty("quarkus.shutdown.delay"))
                .plus(Duration.parse("PT" + config.getProperty("quarkus.shutdown.timeout")));
        assertThat(pod.path("terminationGracePeriodSeconds").asLong()).isGreaterThanOrEqualTo(shutdown.toSeconds());

        JsonNode service = resources.get("Service");
        JsonNode podLabels = deployment.path("spec").path("template").path("metadata").path("labels");
        assertThat(service.path("spec").path("ports").get(0).path("targetPort").asInt()).isEqualTo(port);
        assertSelects(service.path("spec").path("selector"), podLabels);
        assertSelects(resources.get("PodDisruptionBudget").path("spec").path("selector").path("matchLabels"), podLabels);
        JsonNode autoscaler = resources.get("HorizontalPodAutoscaler").path("spec");
        assertThat(autoscaler.path("scaleTargetRef").path("name").asText()).isEqualTo(deployment.path("metadata").path("name").asText());
        assertThat(autoscaler.path("minReplicas").asInt()).isGreaterThan(1);
        assertThat(autoscaler.path("maxReplicas").asInt()).isGreaterThan(autoscaler.path("minReplicas").asInt());
    }

    /**
     * deploy/ builds on the generated manifests: its copy must not fall behind them. Compared as resources, since the
     * generator does not keep the order of labels and environment variables from one build to the next.
     */
    @Test
    void theKustomizeBaseHasTheGeneratedManifests() throws IOException {
        assertThat(byKind(documents(DEPLOY.resolve("kubernetes.yml"))))
                .as("deploy/kubernetes.yml is a copy of %s: after changing quarkus.kubernetes.* or src/main/kubernetes, run"
                        + " ./mvnw package and copy it", GENERATED)
                .isEqualTo(byKind(documents(GENERATED)));
    }

    @Test
    void everyKustomizationParsesAndNamesFilesThatExist() throws Exception {
        List<Path> kustomizations;
        try (Stream<Path> files = Files.walk(DEPLOY)) {
            kustomizations = files.filter(f -> f.getFileName().toString().equals("kustomization.yaml")).toList();
        }
        assertThat(kustomizations).hasSizeGreaterThanOrEqualTo(2);
        for (Path kustomization : kustomizations) {
            Path dir = kustomization.getParent();
            JsonNode k = YAML.readTree(kustomization.toFile());
            assertThat(k.path("kind").asText()).isEqualTo("Kustomization");
            for (JsonNode resource : k.path("resources")) {
                Path file = dir.resolve(resource.asText());
                assertThat(file).as("%s names %s", kustomization, resource.asText()).exists();
                if (Files.isRegularFile(file)) {
                    for (JsonNode document : documents(file)) {
                        assertThat(document.path("apiVersion").asText()).as("%s: apiVersion", file).isNotEmpty();
                        assertThat(document.path("kind").asText()).as("%s: kind", file).isNotEmpty();
                        assertThat(document.path("metadata").path("name").asText()).as("%s: name", file).isNotEmpty();
                    }
                }
            }
            for (String generator : List.of("configMapGenerator", "secretGenerator")) {
                for (JsonNode generated : k.path(generator)) {
                    for (JsonNode file : generated.path("files")) {
                        Path named = dir.resolve(file.asText().replaceFirst("^[^=]*=", ""));
                        assertThat(named).as("%s names %s", kustomization, file.asText()).exists();
                        if (named.toString().endsWith(".json")) {
                            new ObjectMapper().readTree(named.toFile());
                        }
                    }
                }
            }
            if (Commands.onPath("kubectl")) {
                Process kubectl = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectErrorStream(true).start();
                String built = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(kubectl.exitValue()).as("kubectl kustomize %s: %s", dir, built).isZero();
                assertThat(built).contains("kind: ");
            }
        }
    }

    /** The JVM Dockerfile copies the packaged application as ./mvnw package lays it out. */
    @Test
    void theJvmDockerfileCopiesWhatThePackageHas() throws IOException {
        Matcher copies = Pattern.compile("(?m)^COPY\\s+(?:--\\S+\\s+)*(\\S+)\\s+\\S+$")
                .matcher(Files.readString(DOCKERFILE));
        List<String> sources = new ArrayList<>();
        while (copies.find()) {
            sources.add(copies.group(1));
        }
        assertThat(sources).isNotEmpty();
        for (String source : sources) {
            Path path = Path.of(source.replace("/*.jar", "/quarkus-run.jar"));
            assertThat(path).as("Dockerfile.jvm copies %s", source).exists();
        }
        assertThat(Files.readString(Path.of(".dockerignore"))).contains("!target/quarkus-app/*");
    }

    /** An image built with Jib starts the JVM as the Dockerfile's image does. */
    @Test
    void theJibImageHasTheDockerfilesJvmOptions() throws IOException {
        Properties config = applicationProperties();

        assertThat(config.getProperty("quarkus.jib.jvm-additional-arguments").split(","))
                .containsExactlyInAnyOrderElementsOf(dockerfileJvmOptions());
        assertThat(Files.readString(DOCKERFILE)).contains("ENV JAVA_MAX_MEM_RATIO=" + config.getProperty(
                "quarkus.jib.environment-variables.JAVA_MAX_MEM_RATIO"));
    }

    /** The {@code -XX} options of the image's {@code JAVA_OPTS_APPEND}. */
    static List<String> dockerfileJvmOptions() throws IOException {
        Matcher line = Pattern.compile("(?m)^ENV JAVA_OPTS_APPEND=\"([^\"]*)\"").matcher(Files.readString(DOCKERFILE));
        assertThat(line.find()).as("Dockerfile.jvm sets JAVA_OPTS_APPEND").isTrue();
        return Stream.of(line.group(1).split("\\s+")).filter(option -> option.startsWith("-XX:")).toList();
    }

    private static void assertProbe(JsonNode probe, String path, int port) {
        assertThat(probe.path("httpGet").path("path").asText()).isEqualTo(path);
        assertThat(probe.path("httpGet").path("port").asInt()).isEqualTo(port);
    }

    private static void assertSelects(JsonNode selector, JsonNode labels) {
        assertThat(selector.size()).isPositive();
        selector.fields().forEachRemaining(e -> assertThat(labels.path(e.getKey()).asText()).isEqualTo(e.getValue().asText()));
    }

    private static JsonNode env(JsonNode container, String name) {
        return find(container.path("env"), e -> e.path("name").asText().equals(name));
    }

    private static JsonNode find(JsonNode list, java.util.function.Predicate<JsonNode> match) {
        for (JsonNode element : list) {
            if (match.test(element)) {
                return element;
            }
        }
        throw new AssertionError("nothing matches in " + list);
    }

    static List<JsonNode> documents(Path file) throws IOException {
        try (var parser = YAML.getFactory().createParser(file.toFile())) {
            List<JsonNode> documents = new ArrayList<>();
            YAML.readValues(parser, JsonNode.class).forEachRemaining(d -> {
                if (d != null && !d.isNull() && !d.isMissingNode()) {
                    documents.add(d);
                }
            });
            return documents;
        }
    }

    /**
     * The resources by kind, each container's environment in name order, without the commit the build was made
     * from (annotated when the checkout is a git repository, so it differs from one commit to the next).
     */
    private static Map<String, JsonNode> byKind(List<JsonNode> documents) {
        Map<String, JsonNode> byKind = new java.util.TreeMap<>();
        for (JsonNode document : documents) {
            for (JsonNode metadata : List.of(document.path("metadata"),
                    document.path("spec").path("template").path("metadata"))) {
                if (metadata.path("annotations") instanceof com.fasterxml.jackson.databind.node.ObjectNode annotations) {
                    annotations.remove("app.quarkus.io/commit-id");
                }
            }
            for (JsonNode container : document.path("spec").path("template").path("spec").path("containers")) {
                List<JsonNode> env = new ArrayList<>();
                container.path("env").forEach(env::add);
                env.sort(java.util.Comparator.comparing(e -> e.path("name").asText()));
                ((com.fasterxml.jackson.databind.node.ObjectNode) container).putArray("env").addAll(env);
            }
            byKind.put(document.path("kind").asText(), document);
        }
        return byKind;
    }

    private static Properties applicationProperties() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src", "main", "resources", "application.properties"))) {
            properties.load(in);
        }
        return properties;
    }
}
