package dev.tarkka;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tarkka.support.Api;
import dev.tarkka.support.MongoTestResource;
import dev.tarkka.support.RawHttp;
import dev.tarkka.support.RawHttp.Header;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Replays the hostile-input corpus ({@code src/test/resources/bad-input/*.jsonl}, format in its README.md)
 * against the running service, byte for byte.
 * <ul>
 * <li>every hostile case ({@code "expect": "4xx"}) must get a 4xx answer, never a 5xx or a dropped
 * connection, with a JSON {@code Content-Type} and a JSON object body with a {@code detail} key (Part A2);</li>
 * <li>every legitimate case ({@code "expect": <status>}) must get exactly that status, and if it names
 * {@code stores_as}, the listing must afterwards hold exactly that test name;</li>
 * <li>the data stored before the replay (three known tests) must be unchanged after every writing case and
 * at the end, and no hostile case may create a test.</li>
 * </ul>
 * Every defect is collected; one assertion at the end lists them all by case id.
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
class BadInputCorpusTest {

    static final String CORPUS = "bad-input/";
    static final List<String> FILES = List.of("json-syntax.jsonl", "upload-types.jsonl", "numbers.jsonl", "names-and-keys.jsonl",
            "paths.jsonl", "headers.jsonl", "sizes.jsonl", "auth-forms.jsonl");
    static final int MIN_HOSTILE = 200;
    static final Duration CASE_TIMEOUT = Duration.ofSeconds(20);
    static final ObjectMapper JSON = new ObjectMapper();

    /** The data stored before the replay; the snapshot covers exactly these tests. */
    static final String KNOWN = "known/alpha/main/bench";
    static final Map<String, String> KNOWN_DATA = new LinkedHashMap<>();
    static {
        String p = "{\"timestamp\":%d,\"metrics\":[{\"name\":\"latency\",\"unit\":\"ms\",\"value\":%s}],"
                + "\"attributes\":{\"git_repo\":\"myrepo\",\"branch\":\"main\",\"git_commit\":\"123456\"}%s}";
        KNOWN_DATA.put(KNOWN, "[" + String.format(p, 1, "10", "") + "," + String.format(p, 2, "10", "") + ","
                + String.format(p, 3, "100", "") + "]");
        KNOWN_DATA.put("known/beta", "[" + String.format(p, 10, "1.5", ",\"extra_info\":{\"runner\":\"ci\",\"n\":[1,2]}") + ","
                + String.format(p, 20, "2.5", ",\"extra_info\":{\"runner\":\"ci\"}") + "]");
        KNOWN_DATA.put("known-gamma", "[" + String.format(p, 5, "7", "") + "]");
    }

    /** A valid point used by the body generators. */
    static final String POINT_HEAD = "{\"timestamp\":1700000000,\"attributes\":{\"git_repo\":\"https://github.com/corpus/repo\","
            + "\"branch\":\"main\",\"git_commit\":\"c0ffee\"},";

    record Case(JsonNode json, String file) {
        String id() {
            return json.path("id").asText();
        }

        boolean hostile() {
            return json.path("expect").isTextual() && json.path("expect").asText().equals("4xx");
        }
    }

    record Outcome(RawHttp.Response response, String error, long millis) {
    }

    record Snapshot(Set<String> names, Map<String, String> known) {
    }

    RawHttp http;
    Api user;
    Map<String, String> vars;

    @Test
    void everyHostileRequestIsRefusedWithJson4xxAndChangesNothing() throws Exception {
        List<Case> cases = load();
        long hostile = cases.stream().filter(Case::hostile).count();
        assertTrue(hostile >= MIN_HOSTILE, "the corpus must hold at least " + MIN_HOSTILE + " hostile cases, has " + hostile);

        URI base = URI.create(RestAssured.baseURI);
        user = Api.newUser();
        vars = Map.of("${TOKEN}", user.token(), "${EMAIL}", user.email(), "${EMAIL_UPPER}", user.email().toUpperCase(Locale.ROOT),
                "${EMAIL_PCT}", user.email().replace("@", "%40"), "${PASSWORD}", user.password(), "${KNOWN}", KNOWN);
        List<String> failures = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> log = new ArrayList<>();
        long started = System.nanoTime();
        try (RawHttp client = new RawHttp(base.getHost(), RestAssured.port)) {
            http = client;
            for (Map.Entry<String, String> known : KNOWN_DATA.entrySet()) {
                Outcome o = call("POST", "/api/v0/result/" + known.getKey(), known.getValue());
                if (o.response() == null || o.response().status() != 200) {
                    fail("cannot store the known data " + known.getKey() + ": " + describe(o));
                }
            }
            Snapshot original = snapshot();
            assertTrue(original.names().containsAll(KNOWN_DATA.keySet()), "known data not listed: " + original.names());
            Set<String> allowedNames = new TreeSet<>(original.names());

            for (Case c : cases) {
                String id = c.id();
                String method = c.json().path("method").asText();
                String shortTarget = shorten(expand(c.json().path("path").asText()), 90);
                Outcome o = replay(c);
                log.add(String.format("%-28s %6d ms  %s %s -> %s", id, o.millis(), method, shortTarget, describe(o)));
                String problem = check(c, o);
                if (problem != null) {
                    failures.add(id + " [" + method + " " + shortTarget + "] " + problem);
                } else if (c.hostile() && c.json().has("hint") && o.response().status() != c.json().path("hint").asInt()) {
                    notes.add(id + ": " + o.response().status() + " (hint " + c.json().path("hint").asInt() + ") "
                            + snippet(o.response().bodyText(), 120));
                }
                if (!method.equals("GET") || !c.hostile()) {
                    // the contents of the known tests can only change through a request that names them
                    boolean full = !c.hostile() || expand(c.json().path("path").asText()).contains("known");
                    Snapshot now = full ? snapshot() : new Snapshot(names(), original.known());
                    if (c.hostile()) {
                        String changed = compare(original, allowedNames, now);
                        if (changed != null) {
                            failures.add(id + " [" + method + " " + shortTarget + "] CHANGED STORED DATA: " + changed);
                            restore(id, original, allowedNames, now, failures);
                        }
                    } else {
                        Set<String> lost = new TreeSet<>(allowedNames);
                        lost.removeAll(now.names());
                        if (!lost.isEmpty() || !now.known().equals(original.known())) {
                            failures.add(id + " (legit) CHANGED STORED DATA: lost " + lost);
                            restore(id, original, allowedNames, now, failures);
                        }
                        String storesAs = c.json().path("stores_as").asText(null);
                        if (storesAs != null && !now.names().contains(storesAs)) {
                            Set<String> added = new TreeSet<>(now.names());
                            added.removeAll(allowedNames);
                            failures.add(id + " (legit) expected a test named '" + shorten(storesAs, 80) + "' in /results, new names: "
                                    + shortNames(added));
                        }
                        allowedNames.addAll(now.names());
                    }
                }
            }
            Snapshot end = snapshot();
            String changed = compare(original, allowedNames, end);
            if (changed != null) {
                failures.add("after the replay: stored data changed: " + changed);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        String summary = String.format("%d cases (%d hostile, %d legit) in %.1f s; %d failures", cases.size(), hostile,
                cases.size() - hostile, seconds, failures.size());
        writeReport(summary, failures, notes, log);
        System.out.println("Bad-input corpus: " + summary);
        if (!failures.isEmpty()) {
            fail("Bad-input corpus: " + summary + "\n  " + String.join("\n  ", failures));
        }
    }

    // ---------------------------------------------------------------- replay

    Outcome replay(Case c) {
        JsonNode j = c.json();
        String method = j.path("method").asText();
        String target = expand(j.path("path").asText());
        byte[] body = body(j);
        List<Header> headers = new ArrayList<>();
        Set<String> omit = new LinkedHashSet<>();
        j.path("omit_default_headers").forEach(n -> omit.add(n.asText().toLowerCase(Locale.ROOT)));
        for (JsonNode h : j.path("headers")) {
            headers.add(new Header(h.get(0).asText(), h.get(1).isNull() ? null : expand(h.get(1).asText())));
        }
        boolean hasContentType = headers.stream().anyMatch(h -> h.name().equalsIgnoreCase("Content-Type"));
        boolean hasAuthorization = headers.stream().anyMatch(h -> h.name().equalsIgnoreCase("Authorization"));
        if (j.path("auth").asBoolean(true) && !hasAuthorization && !omit.contains("authorization")) {
            headers.add(0, new Header("Authorization", "Bearer " + user.token()));
        }
        if (body != null && !hasContentType && !omit.contains("content-type")) {
            headers.add(new Header("Content-Type", "application/json"));
        }
        return send(method, target, headers, body, j.path("chunked").asBoolean(false));
    }

    Outcome send(String method, String target, List<Header> headers, byte[] body, boolean chunked) {
        long t0 = System.nanoTime();
        try {
            RawHttp.Response r = http.send(method, target, headers, body, chunked, true, CASE_TIMEOUT);
            return new Outcome(r, null, (System.nanoTime() - t0) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            return new Outcome(null, e.getClass().getSimpleName() + ": " + e.getMessage(), (System.nanoTime() - t0) / 1_000_000);
        }
    }

    /** An authenticated JSON request of the test itself (seeding, snapshots, clean-up). */
    Outcome call(String method, String target, String body) {
        List<Header> headers = new ArrayList<>(List.of(new Header("Authorization", "Bearer " + user.token())));
        if (body != null) {
            headers.add(new Header("Content-Type", "application/json"));
        }
        return send(method, target, headers, body == null ? null : body.getBytes(StandardCharsets.UTF_8), false);
    }

    static String check(Case c, Outcome o) {
        if (o.response() == null) {
            return (o.error().startsWith("TooLarge") ? "ANSWER TOO LARGE: " : "NO HTTP ANSWER: ") + o.error();
        }
        RawHttp.Response r = o.response();
        String what = r.status() + " " + contentType(r) + " " + snippet(r.bodyText(), 160);
        if (!c.hostile()) {
            int expected = c.json().path("expect").asInt();
            if (r.status() != expected) {
                return "(legit) expected " + expected + ", got " + what;
            }
            if (r.body().length > 0 && parse(r.body()) == null) {
                return "(legit) answer is not JSON: " + what;
            }
            return null;
        }
        if (r.status() < 400 || r.status() >= 500) {
            return "expected 4xx, got " + what;
        }
        if (c.json().has("refused_by_http_layer")) {
            // Vert.x refuses these before any handler of Tarkka's can run: an empty 400, nothing stored
            return r.status() == 400 && r.body().length == 0 ? null
                    : "expected the HTTP layer's empty 400, got " + what;
        }
        String type = contentType(r).toLowerCase(Locale.ROOT);
        if (!(type.startsWith("application/json") || type.matches("application/[a-z0-9.+-]*\\+json.*"))) {
            return "4xx is not JSON (Content-Type '" + contentType(r) + "'): " + what;
        }
        JsonNode body = parse(r.body());
        if (body == null || !body.isObject() || !body.has("detail")) {
            return "4xx body is not a JSON object with \"detail\": " + what;
        }
        return null;
    }

    // ---------------------------------------------------------------- snapshot of the stored data

    Snapshot snapshot() {
        Set<String> names = names();
        Map<String, String> known = new LinkedHashMap<>();
        for (String name : KNOWN_DATA.keySet()) {
            Outcome o = call("GET", "/api/v0/result/" + name, null);
            JsonNode points = o.response() == null ? null : parse(o.response().body());
            known.put(name, o.response() == null ? "no answer" : o.response().status() + " " + (points == null ? "?" : points.toString()));
        }
        return new Snapshot(names, known);
    }

    Set<String> names() {
        Outcome list = call("GET", "/api/v0/results", null);
        Set<String> names = new TreeSet<>();
        JsonNode listing = list.response() == null ? null : parse(list.response().body());
        if (listing == null || !listing.isArray()) {
            names.add("<GET /results failed: " + describe(list) + ">");
        } else {
            listing.forEach(n -> names.add(n.path("test_name").asText()));
        }
        return names;
    }

    static String compare(Snapshot original, Set<String> allowedNames, Snapshot now) {
        List<String> changes = new ArrayList<>();
        Set<String> added = new TreeSet<>(now.names());
        added.removeAll(allowedNames);
        if (!added.isEmpty()) {
            changes.add("created test(s) " + shortNames(added));
        }
        Set<String> lost = new TreeSet<>(allowedNames);
        lost.removeAll(now.names());
        if (!lost.isEmpty()) {
            changes.add("lost test(s) " + shortNames(lost));
        }
        for (String name : original.known().keySet()) {
            if (!original.known().get(name).equals(now.known().get(name))) {
                changes.add(name + " is now " + snippet(now.known().get(name), 200));
            }
        }
        return changes.isEmpty() ? null : String.join("; ", changes);
    }

    /** Puts the stored data back as it was, so that one defect does not cascade into the following cases. */
    void restore(String id, Snapshot original, Set<String> allowedNames, Snapshot now, List<String> failures) {
        for (String name : now.names()) {
            if (!allowedNames.contains(name)) {
                call("DELETE", "/api/v0/result/" + encodePath(name), null);
            }
        }
        Snapshot after = snapshot();
        for (String name : KNOWN_DATA.keySet()) {
            if (!original.known().get(name).equals(after.known().get(name))) {
                call("DELETE", "/api/v0/result/" + name, null);
                call("POST", "/api/v0/result/" + name, KNOWN_DATA.get(name));
            }
        }
        Set<String> leftovers = new TreeSet<>(names());
        leftovers.removeAll(allowedNames);
        if (!leftovers.isEmpty()) {
            // tolerated from now on, so that one undeletable test is reported once, not by every later case
            failures.add(id + " (follow-up) the test(s) it created cannot be deleted through DELETE /api/v0/result/<percent-encoded name>: "
                    + shortNames(leftovers));
            allowedNames.addAll(leftovers);
        }
    }

    // ---------------------------------------------------------------- corpus loading and expansion

    static List<Case> load() throws IOException {
        List<Case> cases = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (String file : FILES) {
            try (InputStream in = BadInputCorpusTest.class.getClassLoader().getResourceAsStream(CORPUS + file)) {
                if (in == null) {
                    throw new IllegalStateException("missing corpus file " + CORPUS + file);
                }
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                int lineNo = 0;
                for (String line; (line = reader.readLine()) != null;) {
                    lineNo++;
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode json = JSON.readTree(line);
                    Case c = new Case(json, file);
                    if (!ids.add(c.id())) {
                        throw new IllegalStateException("duplicate case id " + c.id() + " in " + file + ":" + lineNo);
                    }
                    JsonNode expect = json.path("expect");
                    if (!(expect.isInt() || "4xx".equals(expect.asText()))) {
                        throw new IllegalStateException(c.id() + ": expect must be \"4xx\" or a status code");
                    }
                    cases.add(c);
                }
            }
        }
        return cases;
    }

    private static final Pattern REPEAT = Pattern.compile("\\$\\{repeat:(.*?):(\\d+)}");

    String expand(String s) {
        Matcher m = REPEAT.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1).repeat(Integer.parseInt(m.group(2)))));
        }
        m.appendTail(out);
        String result = out.toString();
        for (Map.Entry<String, String> v : vars.entrySet()) {
            result = result.replace(v.getKey(), v.getValue());
        }
        return result;
    }

    byte[] body(JsonNode j) {
        if (j.has("body")) {
            return expand(j.get("body").asText()).getBytes(StandardCharsets.UTF_8);
        }
        if (j.has("body_base64")) {
            return Base64.getDecoder().decode(j.get("body_base64").asText());
        }
        if (j.has("body_generate")) {
            return generate(j.get("body_generate"));
        }
        return null;
    }

    /** Big bodies are described, not stored: built when their case runs. */
    static byte[] generate(JsonNode g) {
        String kind = g.path("generate").asText();
        switch (kind) {
            case "bytes": {
                byte[] prefix = g.path("prefix").asText("").getBytes(StandardCharsets.UTF_8);
                byte[] suffix = g.path("suffix").asText("").getBytes(StandardCharsets.UTF_8);
                byte[] body = new byte[g.path("size").asInt()];
                java.util.Arrays.fill(body, (byte) g.path("fill").asText(" ").charAt(0));
                System.arraycopy(prefix, 0, body, 0, prefix.length);
                System.arraycopy(suffix, 0, body, body.length - suffix.length, suffix.length);
                return body;
            }
            case "repeat": {
                int count = g.path("count").asInt();
                String item = g.path("item").asText();
                String separator = g.path("separator").asText("");
                StringBuilder b = new StringBuilder(count * (item.length() + separator.length()) + 1024);
                b.append(g.path("prefix").asText(""));
                for (int i = 0; i < count; i++) {
                    if (i > 0) {
                        b.append(separator);
                    }
                    b.append(item);
                }
                return b.append(g.path("suffix").asText("")).toString().getBytes(StandardCharsets.UTF_8);
            }
            case "metrics": {
                int count = g.path("count").asInt();
                boolean same = g.path("same_name").asBoolean(false);
                StringBuilder b = new StringBuilder(count * 60 + 1024).append('[').append(POINT_HEAD).append("\"metrics\":[");
                for (int i = 0; i < count; i++) {
                    b.append(i > 0 ? "," : "").append("{\"name\":\"").append(same ? "m" : "m" + i)
                            .append("\",\"unit\":\"ms\",\"value\":").append(i).append('}');
                }
                return b.append("]}]").toString().getBytes(StandardCharsets.UTF_8);
            }
            case "nested": {
                int depth = g.path("depth").asInt();
                boolean array = g.path("kind").asText("object").equals("array");
                String open = array ? "[" : "{\"a\":";
                String close = array ? "]" : "}";
                String nested = open.repeat(depth) + "1" + close.repeat(depth);
                String point = switch (g.path("where").asText()) {
                    case "body" -> nested;
                    case "extra_info" -> "[" + POINT_HEAD
                            + "\"metrics\":[{\"name\":\"latency\",\"unit\":\"ms\",\"value\":1}],\"extra_info\":" + nested + "}]";
                    case "value" -> "[" + POINT_HEAD + "\"metrics\":[{\"name\":\"latency\",\"unit\":\"ms\",\"value\":" + nested + "}]}]";
                    default -> throw new IllegalArgumentException("nested where? " + g);
                };
                return point.getBytes(StandardCharsets.UTF_8);
            }
            default:
                throw new IllegalArgumentException("unknown generator " + g);
        }
    }

    // ---------------------------------------------------------------- helpers

    static JsonNode parse(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static String contentType(RawHttp.Response r) {
        String type = r.header("Content-Type");
        return type == null ? "(no Content-Type)" : type;
    }

    static String describe(Outcome o) {
        if (o.response() == null) {
            return "NO ANSWER " + o.error();
        }
        return o.response().status() + " " + contentType(o.response()) + " " + snippet(o.response().bodyText(), 160);
    }

    static String snippet(String s, int max) {
        String flat = s.replace("\r", "\\r").replace("\n", "\\n");
        return flat.length() <= max ? flat : flat.substring(0, max) + "...(" + s.length() + " chars)";
    }

    /** The duration column of a log line. */
    static long millisOf(String logLine) {
        Matcher m = Pattern.compile(" (\\d+) ms  ").matcher(logLine);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...(" + s.length() + " chars)";
    }

    static String shortNames(Set<String> names) {
        return names.stream().map(n -> "'" + shorten(n.replace("\u0000", "\\u0000"), 60) + "'").toList().toString();
    }

    /** Percent-encodes a stored test name for a clean-up request; '/' stays a separator. */
    static String encodePath(String name) {
        StringBuilder b = new StringBuilder();
        for (byte x : name.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '~'
                    || c == '/') {
                b.append((char) c);
            } else {
                b.append('%').append(String.format("%02X", c));
            }
        }
        return b.toString();
    }

    void writeReport(String summary, List<String> failures, List<String> notes, List<String> log) throws IOException {
        Path dir = Path.of("target", "bad-input-corpus");
        Files.createDirectories(dir);
        List<String> lines = new ArrayList<>();
        lines.add(summary);
        lines.add("");
        lines.add("FAILURES (" + failures.size() + ")");
        lines.addAll(failures);
        lines.add("");
        lines.add("NOTES: hostile cases answered with a 4xx other than the one the contract suggests (" + notes.size() + ")");
        lines.addAll(notes);
        lines.add("");
        lines.add("ALL CASES");
        lines.addAll(log);
        lines.add("");
        lines.add("SLOWEST");
        log.stream().sorted(Comparator.comparingLong(BadInputCorpusTest::millisOf).reversed()).limit(15).forEach(lines::add);
        Files.write(dir.resolve(getClass().getSimpleName() + ".txt"), lines, StandardCharsets.UTF_8);
    }
}
