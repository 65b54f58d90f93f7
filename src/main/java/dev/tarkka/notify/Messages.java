package dev.tarkka.notify;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tarkka.config.TarkkaConfig;

/**
 * What notifications say: which test, metric, commit, direction and size of the change, with its p-value, and a
 * link to the test. User-supplied names are escaped for each medium.
 */
@ApplicationScoped
public class Messages {

    private final String publicUrl;

    Messages(TarkkaConfig config) {
        this.publicUrl = config.publicUrl().endsWith("/") ? config.publicUrl().substring(0, config.publicUrl().length() - 1)
                : config.publicUrl();
    }

    /** Where the test can be looked at. */
    String link(String testName) {
        StringBuilder link = new StringBuilder(publicUrl).append("/tests");
        for (String segment : testName.split("/", -1)) {
            link.append('/').append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return link.toString();
    }

    /** "Performance regression", "… improvement" or "… change": the worst of the notice's changes. */
    static String kind(ChangeNotice notice) {
        if (notice.hasRegression()) {
            return "Performance regression";
        }
        return notice.onlyImprovements() ? "Performance improvement" : "Performance change";
    }

    static String shortCommit(String commit) {
        return commit.length() > 12 ? commit.substring(0, 12) : commit;
    }

    /** One metric's change: {@code latency: +12.3% (10.1 → 11.3 ms), regression, p = 0.000012}. */
    static String describe(MetricChange change) {
        return change.metric() + ": " + String.format(Locale.ROOT, "%+.1f%%", change.forwardChangePercent()) + " ("
                + number(change.meanBefore()) + " → " + number(change.meanAfter())
                + (change.unit() == null || change.unit().isEmpty() ? "" : " " + change.unit()) + "), "
                + change.kind().word() + ", p " + pvalue(change.pvalue());
    }

    /** {@code = 0.000123}, or {@code < 0.000001} for what six decimals would show as zero. */
    static String pvalue(double p) {
        return p < 0.0000005 ? "< 0.000001" : "= " + String.format(Locale.ROOT, "%.6f", p);
    }

    static String number(double value) {
        return Math.abs(value) >= 1000 || value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.4g", value);
    }

    String title(ChangeNotice notice) {
        return kind(notice) + " in " + notice.testName() + " at " + shortCommit(notice.gitCommit());
    }

    /** Plain text: mail, and the base of the others. */
    String text(ChangeNotice notice) {
        return title(notice) + "\n\n"
                + "Test: " + notice.testName() + "\n"
                + "Commit: " + notice.gitCommit() + " (" + notice.gitRepo() + ", branch " + notice.branch() + ")\n"
                + notice.changes().stream().map(c -> "- " + describe(c)).collect(Collectors.joining("\n")) + "\n\n"
                + link(notice.testName()) + "\n";
    }

    /** Slack mrkdwn; &, < and > are escaped as Slack requires. */
    String slack(ChangeNotice notice) {
        return "*<" + link(notice.testName()) + "|" + kind(notice) + ">* in `" + slackEscape(notice.testName())
                + "` at commit `" + slackEscape(shortCommit(notice.gitCommit())) + "` (" + slackEscape(notice.gitRepo())
                + ", branch " + slackEscape(notice.branch()) + ")\n"
                + notice.changes().stream().map(c -> "• " + slackEscape(describe(c))).collect(Collectors.joining("\n"));
    }

    /** A GitHub issue's body, Markdown, with a marker that finds the issue again. */
    String issueBody(ChangeNotice notice, String marker) {
        return "**" + kind(notice) + "** in " + code(notice.testName()) + " at commit " + notice.gitCommit()
                + " (branch " + code(notice.branch()) + ").\n\n"
                + table(notice) + "\n[Look at the test](" + link(notice.testName()) + ")\n\n" + marker + "\n";
    }

    /** A pull request's comment: the verdict at its newest commit, with a marker that finds the comment again. */
    String pullComment(PullNotice notice, String marker) {
        StringBuilder body = new StringBuilder("### Tarkka: performance at ").append(notice.gitCommit()).append("\n\n");
        if (notice.changes().isEmpty()) {
            body.append("No change point at this commit in ").append(notice.testNames().size())
                    .append(notice.testNames().size() == 1 ? " test" : " tests").append(".\n");
        } else {
            for (ChangeNotice change : notice.changes()) {
                body.append("**").append(kind(change)).append("** in ").append(code(change.testName())).append("\n\n")
                        .append(table(change)).append("\n");
            }
            int unchanged = notice.testNames().size() - notice.changes().size();
            if (unchanged > 0) {
                body.append("No change point in the other ").append(unchanged).append(unchanged == 1 ? " test" : " tests")
                        .append(".\n");
            }
        }
        return body.append("\n").append(marker).append("\n").toString();
    }

    private static String table(ChangeNotice notice) {
        StringBuilder table = new StringBuilder("| metric | change | before | after | | p-value |\n|---|---:|---:|---:|---|---:|\n");
        for (MetricChange c : notice.changes()) {
            table.append("| ").append(cell(c.metric())).append(" | ")
                    .append(String.format(Locale.ROOT, "%+.1f%%", c.forwardChangePercent())).append(" | ")
                    .append(number(c.meanBefore())).append(" | ").append(number(c.meanAfter())).append(' ')
                    .append(cell(c.unit() == null ? "" : c.unit())).append(" | ").append(c.kind().word()).append(" | ")
                    .append(pvalue(c.pvalue()).replace("= ", "")).append(" |\n");
        }
        return table.toString();
    }

    private static String slackEscape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Inline code for Markdown; backticks and line breaks in names cannot break out of it. */
    private static String code(String text) {
        return "`" + text.replace("`", "'").replaceAll("[\\r\\n]+", " ") + "`";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;").replaceAll("[\\r\\n]+", " ");
    }
}
