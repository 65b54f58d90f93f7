package dev.tarkka;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tarkka.support.PackagedApp;

import io.restassured.http.ContentType;

/**
 * The packaged jar started with the container image's JVM options: the operating system runs the embedded store's
 * threads, the CPU pool and the JIT compiler below the event loops, so that on saturated cores health probes do not
 * wait behind them. Read from Linux's {@code /proc}; elsewhere the test is skipped.
 */
class ThreadPriorityIT {

    private static final Path TASKS = Path.of("/proc/self/task");

    /** Also at nice 4: the other compiler and the code-cache sweeper, and the store's other threads. */
    private static final Set<String> LOWERED_BY_THE_JVM_OR_STORE = Set.of("C1 CompilerThre", "Sweeper thread",
            "H2-save", "MVStore backgro", "tarkka-store-op", "(ended)");

    @TempDir
    Path dir;

    private PackagedApp app;

    @AfterEach
    void stop() throws InterruptedException {
        if (app != null) {
            app.stop();
        }
    }

    @Test
    void backgroundWorkRunsBelowTheEventLoops() throws Exception {
        assumeTrue(Files.isDirectory(TASKS), "thread priorities are read from Linux's /proc");
        Map<String, String> env = new HashMap<>(PackagedApp.embeddedStore(dir.resolve("store.mv"), 0));
        List<String> imageOptions = DeploymentFilesIT.dockerfileJvmOptions();
        assertThat(imageOptions).contains("-XX:ThreadPriorityPolicy=1");
        env.put("JAVA_TOOL_OPTIONS", String.join(" ", imageOptions));
        app = PackagedApp.of("thread-priority", dir.resolve("keys"), env).start("image-options");

        // a write (the store's threads) and an analysis (the CPU pool) create every background thread
        String token = app.signUp("nice@example.com");
        given().baseUri(app.baseUri()).header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body(Map.of("series", IntStream.range(0, 5_000).map(i -> i < 2_500 ? 10 : 20).boxed().toList()))
                .post("/api/v0/analyze").then().statusCode(200);

        Map<String, List<Integer>> niceByThread = niceValuesByThreadName(app.process().pid());
        assertThat(niceOf(niceByThread, "vert.x-eventloo")).as("event loops").isNotEmpty().containsOnly(0);
        List<String> background = List.of("mongo-server-wo", "H2-serializatio", "tarkka-cpu-", "C2 CompilerThre");
        for (String name : background) {
            assertThat(niceOf(niceByThread, name)).as("%s threads in %s", name, niceByThread).isNotEmpty()
                    .containsOnly(4);
        }
        // nothing else below the event loops: a thread lowered by mistake passes its priority to every thread it starts
        niceByThread.forEach((name, nice) -> {
            if (background.stream().noneMatch(name::startsWith) && !LOWERED_BY_THE_JVM_OR_STORE.contains(name)) {
                assertThat(nice).as("nice of %s", name).allMatch(value -> value <= 0);
            }
        });
    }

    private static List<Integer> niceOf(Map<String, List<Integer>> niceByThread, String namePrefix) {
        List<Integer> values = new ArrayList<>();
        niceByThread.forEach((name, nice) -> {
            if (name.startsWith(namePrefix)) {
                values.addAll(nice);
            }
        });
        return values;
    }

    /** Field 19 of {@code /proc/PID/task/TID/stat} is the thread's nice value; {@code comm} its (15-char) name. */
    private static Map<String, List<Integer>> niceValuesByThreadName(long pid) throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return tasks.collect(Collectors.groupingBy(ThreadPriorityIT::name,
                    Collectors.mapping(ThreadPriorityIT::nice, Collectors.toList())));
        }
    }

    private static String name(Path task) {
        try {
            return Files.readString(task.resolve("comm")).strip();
        } catch (IOException e) {
            return "(ended)";
        }
    }

    private static int nice(Path task) {
        try {
            String stat = Files.readString(task.resolve("stat"));
            // the name in parentheses may contain spaces: fields are counted after its closing parenthesis
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Integer.parseInt(fields[16]);
        } catch (IOException e) {
            return Integer.MIN_VALUE;
        }
    }
}
