package dev.tarkka.support;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

import io.restassured.path.json.JsonPath;

/** The test's side of {@link FakeTargets}: what the fakes got, and how they should answer. */
public final class Fakes {

    private Fakes() {
    }

    /** The base URL of the fake targets, as the application is configured with them. */
    public static String url(String path) {
        return System.getProperty(FakeTargetsResource.TARGETS) + path;
    }

    private static String control(String path) {
        return System.getProperty(FakeTargetsResource.CONTROL) + path;
    }

    public static List<Map<String, Object>> slack() {
        return list("/slack");
    }

    public static List<Map<String, Object>> hooks() {
        return list("/hooks");
    }

    public static List<Map<String, Object>> issues() {
        return list("/issues");
    }

    public static List<Map<String, Object>> comments() {
        return list("/comments");
    }

    public static List<Map<String, Object>> mails() {
        return list("/mails");
    }

    public static int commentEdits() {
        return JsonPath.from(given().get(control("/edits")).asString()).getInt("edits");
    }

    public static void mode(FakeTargets.Mode mode) {
        given().post(control("/mode/" + mode)).then().statusCode(200);
    }

    public static void delay(long millis) {
        given().post(control("/delay/" + millis)).then().statusCode(200);
    }

    public static void clear() {
        given().post(control("/clear")).then().statusCode(200);
    }

    private static List<Map<String, Object>> list(String path) {
        return JsonPath.from(given().get(control(path)).asString()).getList("$");
    }
}
