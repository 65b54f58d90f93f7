package dev.tarkka.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import dev.tarkka.error.ApiException;
import dev.tarkka.error.ValidationProblem;
import dev.tarkka.http.Text;

/** One row of a test's configuration as {@code /config} reads and writes it (api.md §7). */
@Schema(name = "TestConfig", examples = """
        {"public": true, "attributes": {"git_repo": "https://github.com/myorg/myrepo", "branch": "main"}}""")
public record TestConfigItem(@JsonProperty("public") @Schema(required = true, name = "public") boolean isPublic,
        @Schema(required = true) Map<String, String> attributes) {

    public String gitRepo() {
        return attributes.get("git_repo");
    }

    public String branch() {
        return attributes.get("branch");
    }

    static TestConfigItem of(TestConfigStore.Row row) {
        return new TestConfigItem(row.isPublic(), attributes(row.gitRepo(), row.branch()));
    }

    private static Map<String, String> attributes(String gitRepo, String branch) {
        Map<String, String> attributes = new java.util.LinkedHashMap<>();
        attributes.put("git_repo", gitRepo);
        attributes.put("branch", branch);
        return attributes;
    }

    /** The body of a config write: a JSON array of rows, every problem reported as pydantic would, in field order. */
    static List<TestConfigItem> parse(JsonNode body) {
        List<ValidationProblem> problems = new ArrayList<>();
        List<TestConfigItem> items = new ArrayList<>();
        if (body == null || !body.isArray()) {
            throw ApiException.invalid(ValidationProblem.notAList(List.of("body"), null));
        }
        for (int i = 0; i < body.size(); i++) {
            JsonNode item = body.get(i);
            List<Object> loc = List.of("body", i);
            if (!item.isObject()) {
                problems.add(ValidationProblem.at(loc, "model_attributes_type", "Input should be a valid dictionary", null));
                continue;
            }
            JsonNode flag = item.get("public");
            if (flag == null) {
                problems.add(ValidationProblem.missing(ValidationProblem.loc(loc, "public"), null));
            } else if (!flag.isBoolean()) {
                problems.add(ValidationProblem.at(ValidationProblem.loc(loc, "public"), "bool_type",
                        "Input should be a valid boolean", null));
            }
            JsonNode attributes = item.get("attributes");
            String repo = null;
            String branch = null;
            if (attributes == null) {
                problems.add(ValidationProblem.missing(ValidationProblem.loc(loc, "attributes"), null));
            } else if (!attributes.isObject()) {
                problems.add(ValidationProblem.at(ValidationProblem.loc(loc, "attributes"), "model_attributes_type",
                        "Input should be a valid dictionary", null));
            } else {
                List<Object> at = ValidationProblem.loc(loc, "attributes");
                repo = text(attributes, "git_repo", at, problems);
                branch = text(attributes, "branch", at, problems);
            }
            if (flag != null && flag.isBoolean() && repo != null && branch != null) {
                items.add(new TestConfigItem(flag.booleanValue(), attributes(repo, branch)));
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.validation(problems);
        }
        return items;
    }

    private static String text(JsonNode parent, String field, List<Object> loc, List<ValidationProblem> problems) {
        JsonNode value = parent.get(field);
        if (value == null) {
            problems.add(ValidationProblem.missing(ValidationProblem.loc(loc, field), null));
            return null;
        }
        if (!value.isTextual() || !Text.isStorable(value.textValue()) || value.textValue().length() > 1024) {
            problems.add(ValidationProblem.notAString(ValidationProblem.loc(loc, field), null));
            return null;
        }
        return value.textValue();
    }
}
