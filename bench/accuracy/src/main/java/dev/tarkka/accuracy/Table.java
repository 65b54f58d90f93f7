package dev.tarkka.accuracy;

import java.util.Locale;

/** Prints Markdown tables, so the output can go straight into a README. */
final class Table {

    void header(String... columns) {
        row(columns);
        StringBuilder rule = new StringBuilder("|");
        for (int k = 0; k < columns.length; k++) {
            rule.append(k == 0 ? "---|" : "---:|");
        }
        System.out.println(rule);
    }

    void row(String... cells) {
        System.out.println("| " + String.join(" | ", cells) + " |");
    }

    static String number(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.3f", value);
    }

    static String percent(double share) {
        return Double.isNaN(share) ? "-" : String.format(Locale.ROOT, "%.1f %%", 100 * share);
    }

    static String delay(double runs) {
        return Double.isNaN(runs) ? "-" : runs > DetectionDelay.MAX_DELAY ? "> " + DetectionDelay.MAX_DELAY
                : String.format(Locale.ROOT, "%.0f", runs);
    }
}
