package dev.tarkka.changes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The report's JSON: Nyrkio's shape, with Tarkka's warnings only when there are some (api.md §5.1). */
class TestReportTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void nothingToAnalyseIsAnEmptyObject() throws Exception {
        assertThat(JSON.writeValueAsString(new TestReport("t", null, List.of()))).isEqualTo("{}");
    }

    @Test
    void noChangeIsAnEmptyList() throws Exception {
        assertThat(JSON.writeValueAsString(new TestReport("a/b", List.of(), List.of()))).isEqualTo("{\"a/b\":[]}");
    }

    @Test
    void warningsFollowTheReport() throws Exception {
        TestReport report = new TestReport("t", List.of(), List.of("one")).withWarnings(List.of("two"));
        assertThat(JSON.writeValueAsString(report)).isEqualTo("{\"t\":[],\"warnings\":[\"one\",\"two\"]}");
        assertThat(report.withWarnings(List.of())).isSameAs(report);
    }
}
