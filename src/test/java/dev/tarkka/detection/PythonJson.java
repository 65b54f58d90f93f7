package dev.tarkka.detection;

import java.util.List;
import java.util.Map;

/**
 * Serialises a report the way Otava prints it: Python's {@code json.dumps} with its default separators
 * ({@code ", "} and {@code ": "}) and {@code ensure_ascii=True}.
 */
final class PythonJson {

    private PythonJson() {
    }

    static String report(String testName, List<ReportGroup> groups) {
        StringBuilder out = new StringBuilder("{");
        string(out, testName);
        out.append(": [");
        for (int g = 0; g < groups.size(); g++) {
            ReportGroup group = groups.get(g);
            out.append(g == 0 ? "" : ", ").append("{\"time\": ").append(group.time()).append(", \"attributes\": {");
            int a = 0;
            for (Map.Entry<String, String> attribute : group.attributes().entrySet()) {
                out.append(a++ == 0 ? "" : ", ");
                string(out, attribute.getKey());
                out.append(": ");
                string(out, attribute.getValue());
            }
            out.append("}, \"changes\": [");
            for (int c = 0; c < group.changes().size(); c++) {
                ReportChange change = group.changes().get(c);
                out.append(c == 0 ? "{" : ", {");
                field(out, "metric", change.metric()).append(", ");
                out.append("\"index\": ").append(change.index()).append(", ");
                out.append("\"time\": ").append(change.time()).append(", ");
                field(out, "forward_change_percent", change.forwardChangePercent()).append(", ");
                field(out, "magnitude", change.magnitude()).append(", ");
                field(out, "mean_before", change.meanBefore()).append(", ");
                field(out, "stddev_before", change.stddevBefore()).append(", ");
                field(out, "mean_after", change.meanAfter()).append(", ");
                field(out, "stddev_after", change.stddevAfter()).append(", ");
                field(out, "pvalue", change.pvalue()).append("}");
            }
            out.append("]}");
        }
        return out.append("]}").toString();
    }

    private static StringBuilder field(StringBuilder out, String name, String value) {
        string(out, name);
        out.append(": ");
        string(out, value);
        return out;
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (ch < 0x20 || ch > 0x7e) {
                        out.append(String.format("\\u%04x", (int) ch));
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        out.append('"');
    }
}
