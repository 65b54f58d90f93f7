package dev.tarkka.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tarkka.error.ApiException;
import dev.tarkka.error.ValidationProblem;

/** The upload body's rules, one by one, as api.md §3 states them (pydantic's lax mode, Nyrkio's fields). */
class UploadParserTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ATTRIBUTES = "{\"git_commit\":\"c1\",\"branch\":\"main\",\"git_repo\":\"https://github.com/o/r\"}";

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** One result with the given field values spliced in (as JSON text). */
    static JsonNode result(String timestamp, String metrics, String attributes, String extra) {
        StringBuilder body = new StringBuilder("[{");
        if (timestamp != null) {
            body.append("\"timestamp\":").append(timestamp).append(',');
        }
        if (metrics != null) {
            body.append("\"metrics\":").append(metrics).append(',');
        }
        if (attributes != null) {
            body.append("\"attributes\":").append(attributes).append(',');
        }
        if (extra != null) {
            body.append(extra).append(',');
        }
        body.setLength(body.length() - 1);
        return json(body.append("}]").toString());
    }

    static JsonNode withMetric(String metric) {
        return result("1", "[" + metric + "]", ATTRIBUTES, null);
    }

    @SuppressWarnings("unchecked")
    static List<ValidationProblem> problems(JsonNode body) {
        ApiException e = (ApiException) org.assertj.core.api.Assertions.catchThrowable(() -> UploadParser.parse(body));
        assertThat(e).as("the body is refused").isNotNull();
        assertThat(e.status()).isEqualTo(422);
        return (List<ValidationProblem>) e.detail();
    }

    @Test
    void theBodyIsAList() {
        assertThat(problems(json("{\"timestamp\": 1}"))).singleElement()
                .satisfies(p -> assertThat(p.type()).isEqualTo("list_type"))
                .satisfies(p -> assertThat(p.loc()).isEqualTo(List.of("body")));
        assertThat(UploadParser.parse(json("[]"))).isEmpty();
    }

    @ParameterizedTest(name = "timestamp {0} is {1}")
    @CsvSource({ "12, 12", "'\"12\"', 12", "1.0, 1", "true, 1", "false, 0", "'\" 7 \"', 7", "-3, -3",
            "9223372036854775807, 9223372036854775807" })
    void timestampsAreCoercedAsPydanticDoes(String sent, long stored) {
        ResultInput parsed = UploadParser.parse(result(sent, "[]", ATTRIBUTES, null)).get(0);
        assertThat(parsed.timestamp()).isEqualTo(stored);
    }

    @ParameterizedTest(name = "timestamp {0} is refused with {1}")
    @CsvSource({ "1.5, int_from_float", "null, int_type", "'\"abc\"', int_parsing", "'[1]', int_type",
            "9223372036854775808, int_too_large", "'\"1e3\"', int_parsing" })
    void timestampsThatAreNotIntegersAreRefused(String sent, String type) {
        assertThat(problems(result(sent, "[]", ATTRIBUTES, null))).singleElement().satisfies(p -> {
            assertThat(p.type()).isEqualTo(type);
            assertThat(p.loc()).isEqualTo(List.of("body", 0, "timestamp"));
        });
    }

    @Test
    void metricsMayBeEmptyButMustBeAList() {
        assertThat(UploadParser.parse(result("1", "[]", ATTRIBUTES, null)).get(0).metrics()).isEmpty();
        assertThat(problems(result("1", "{}", ATTRIBUTES, null))).singleElement()
                .satisfies(p -> assertThat(p.type()).isEqualTo("list_type"));
    }

    @ParameterizedTest(name = "value {0} is {1}")
    @CsvSource({ "3, 3", "3.25, 3.25", "'\"3.2\"', 3.2", "true, 1", "-0.5, -0.5" })
    void valuesAreNumbersOrNumericStrings(String sent, double stored) {
        ResultInput.Metric metric = UploadParser.parse(withMetric(
                "{\"name\":\"m\",\"unit\":\"ms\",\"value\":" + sent + "}")).get(0).metrics().get(0);
        assertThat(metric.value().doubleValue()).isEqualTo(stored);
        assertThat(metric.direction()).isNull();
    }

    @Test
    void integerValuesStayIntegers() {
        Number value = UploadParser.parse(withMetric("{\"name\":\"m\",\"unit\":\"ms\",\"value\":3}")).get(0)
                .metrics().get(0).value();
        assertThat(value).isInstanceOf(Long.class);
    }

    @ParameterizedTest(name = "value {0} is refused with {1}")
    @CsvSource({ "null, float_type", "'\"fast\"', float_parsing", "'\"NaN\"', float_parsing",
            "1e400, finite_number", "'\"1e400\"', finite_number", "'{}', float_type" })
    void valuesThatAreNotFiniteNumbersAreRefused(String sent, String type) {
        assertThat(problems(withMetric("{\"name\":\"m\",\"unit\":\"ms\",\"value\":" + sent + "}"))).singleElement()
                .satisfies(p -> {
                    assertThat(p.type()).isEqualTo(type);
                    assertThat(p.loc()).isEqualTo(List.of("body", 0, "metrics", 0, "value"));
                });
    }

    @Test
    void namesAndUnitsAreStringsWithoutCoercion() {
        List<ValidationProblem> problems = problems(withMetric("{\"name\":5,\"unit\":true,\"value\":1}"));
        assertThat(problems).extracting(ValidationProblem::type).containsExactly("string_type", "string_type");
        assertThat(problems).extracting(ValidationProblem::loc).containsExactly(
                List.of("body", 0, "metrics", 0, "name"), List.of("body", 0, "metrics", 0, "unit"));
    }

    @Test
    void directionIsOneOfTwoWordsOrAbsent() {
        assertThat(UploadParser.parse(withMetric(
                "{\"name\":\"m\",\"unit\":\"ms\",\"value\":1,\"direction\":\"lower_is_better\"}")).get(0).metrics()
                .get(0).direction()).isEqualTo("lower_is_better");
        for (String direction : List.of("null", "\"lower\"", "1")) {
            assertThat(problems(withMetric("{\"name\":\"m\",\"unit\":\"ms\",\"value\":1,\"direction\":" + direction + "}")))
                    .singleElement().satisfies(p -> assertThat(p.type()).isEqualTo("literal_error"));
        }
    }

    @Test
    void aMetricNameAppearsOncePerResult() {
        assertThat(problems(withMetric("{\"name\":\"m\",\"unit\":\"ms\",\"value\":1},{\"name\":\"m\",\"unit\":\"ms\",\"value\":2}")))
                .singleElement().satisfies(p -> {
                    assertThat(p.type()).isEqualTo("value_error");
                    assertThat(p.loc()).isEqualTo(List.of("body", 0, "metrics", 1, "name"));
                });
    }

    /** Nyrkio's own test: branch and commit missing reports git_commit first (api.md §14 item 17). */
    @Test
    void missingAttributesAreReportedInFieldOrder() {
        List<ValidationProblem> problems = problems(result("1", "[]", "{\"git_repo\":\"r\"}", null));
        assertThat(problems).extracting(ValidationProblem::loc).containsExactly(
                List.of("body", 0, "attributes", "git_commit"), List.of("body", 0, "attributes", "branch"));
        assertThat(problems).allSatisfy(p -> {
            assertThat(p.type()).isEqualTo("missing");
            assertThat(p.msg()).isEqualTo("Field required");
        });
    }

    @Test
    void attributesAreStrings() {
        assertThat(problems(result("1", "[]", "{\"git_commit\":123456,\"branch\":\"b\",\"git_repo\":\"r\"}", null)))
                .singleElement().satisfies(p -> assertThat(p.type()).isEqualTo("string_type"));
    }

    @Test
    void everyProblemOfTheBodyIsReportedAtOnceInFieldOrder() {
        JsonNode body = json("[{\"metrics\":[{\"name\":\"m\"}]},{\"timestamp\":\"x\",\"metrics\":[],\"attributes\":[]}]");
        assertThat(problems(body)).extracting(ValidationProblem::loc).containsExactly(
                List.of("body", 0, "timestamp"),
                List.of("body", 0, "metrics", 0, "unit"),
                List.of("body", 0, "metrics", 0, "value"),
                List.of("body", 0, "attributes"),
                List.of("body", 1, "timestamp"),
                List.of("body", 1, "attributes"));
    }

    @Test
    void extraInfoIsAnObjectOrNull() {
        assertThat(UploadParser.parse(result("1", "[]", ATTRIBUTES, null)).get(0).extraInfo()).isNull();
        assertThat(UploadParser.parse(result("1", "[]", ATTRIBUTES, "\"extra_info\":null")).get(0).extraInfo()).isNull();
        assertThat(UploadParser.parse(result("1", "[]", ATTRIBUTES,
                "\"extra_info\":{\"foo\":{\"bar\":{\"baz\":1},\"qux\":[1,2,3]}}")).get(0).extraInfo())
                .isEqualTo(Map.of("foo", Map.of("bar", Map.of("baz", 1L), "qux", List.of(1L, 2L, 3L))));
        assertThat(problems(result("1", "[]", ATTRIBUTES, "\"extra_info\":[1]"))).singleElement()
                .satisfies(p -> assertThat(p.type()).isEqualTo("dict_type"));
    }

    @Test
    void extraInfoNestedBeyondWhatTheStoreTakesIsRefused() {
        String nested = "{\"a\":".repeat(UploadParser.MAX_EXTRA_INFO_DEPTH + 1) + "1"
                + "}".repeat(UploadParser.MAX_EXTRA_INFO_DEPTH + 1);
        assertThat(problems(result("1", "[]", ATTRIBUTES, "\"extra_info\":" + nested))).singleElement()
                .satisfies(p -> assertThat(p.type()).isEqualTo("value_error"));
    }

    @Test
    void theRepositoryIsNormalisedForTheKey() {
        ResultInput parsed = UploadParser.parse(result("1", "[]",
                "{\"git_commit\":\"c\",\"branch\":\"Main\",\"git_repo\":\"https://GitHub.com/Nyrkio/Nyrkio/\"}", null)).get(0);
        assertThat(parsed.attributes().gitRepo()).isEqualTo("https://github.com/nyrkio/nyrkio");
        assertThat(parsed.attributes().branch()).isEqualTo("Main");
    }

    @Test
    void unknownKeysAreDroppedAndNamed() {
        UploadParser.Upload upload = UploadParser.upload(result("1",
                "[{\"name\":\"m\",\"unit\":\"ms\",\"value\":1,\"stddev\":0.1}]",
                "{\"git_commit\":\"c\",\"branch\":\"b\",\"git_repo\":\"r\",\"os\":\"linux\"}", "\"runner\":\"x\""));
        assertThat(upload.ignoredKeys()).containsExactly("runner", "metrics[].stddev", "attributes.os");
        assertThat(upload.warnings()).singleElement().asString()
                .isEqualTo("Unknown keys were ignored and not stored: runner, metrics[].stddev, attributes.os");
        assertThat(UploadParser.upload(result("1", "[]", ATTRIBUTES, null)).warnings()).isEmpty();
    }

    @Test
    void textThatCannotBeStoredAsSentIsRefused() {
        assertThat(problems(withMetric("{\"name\":\"a\\u0000b\",\"unit\":\"ms\",\"value\":1}"))).singleElement()
                .satisfies(p -> assertThat(p.type()).isEqualTo("string_pattern_mismatch"));
        String longName = "x".repeat(UploadParser.MAX_TEXT_LENGTH + 1);
        assertThat(problems(withMetric("{\"name\":\"" + longName + "\",\"unit\":\"ms\",\"value\":1}"))).singleElement()
                .satisfies(p -> assertThat(p.type()).isEqualTo("string_too_long"));
    }

    @Test
    void aHostileBodyGetsABoundedAnswer() {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 500; i++) {
            body.append(i == 0 ? "" : ",").append("{}");
        }
        assertThat(problems(json(body.append("]").toString()))).hasSize(UploadParser.MAX_PROBLEMS);
        assertThatThrownBy(() -> UploadParser.parse(withMetric(("{\"name\":\"m\",\"unit\":\"u\",\"value\":1},")
                .repeat(UploadParser.MAX_METRICS_PER_RESULT) + "{\"name\":\"z\",\"unit\":\"u\",\"value\":1}")))
                .isInstanceOf(ApiException.class);
    }
}
