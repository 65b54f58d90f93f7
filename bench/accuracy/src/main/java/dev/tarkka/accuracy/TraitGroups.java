package dev.tarkka.accuracy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/** The groups of generated series the by-trait table reports, so each oddity's cost can be seen. */
final class TraitGroups {

    private TraitGroups() {
    }

    static Map<String, Predicate<CiHistoryGenerator.GeneratedSeries>> all() {
        Map<String, Predicate<CiHistoryGenerator.GeneratedSeries>> groups = new LinkedHashMap<>();
        groups.put("all", g -> true);
        groups.put("no change", g -> g.shifts().isEmpty());
        groups.put("Gaussian noise, no oddity", g -> plain(g.traits()));
        groups.put("heavy-tailed noise", g -> g.traits().noiseShape() == CiHistoryGenerator.NoiseShape.HEAVY_TAILED);
        groups.put("skewed noise", g -> g.traits().noiseShape() == CiHistoryGenerator.NoiseShape.SKEWED);
        groups.put("noise < 1 %", g -> g.traits().noise() < 0.01);
        groups.put("noise 1-3 %", g -> g.traits().noise() >= 0.01 && g.traits().noise() < 0.03);
        groups.put("noise >= 3 %", g -> g.traits().noise() >= 0.03);
        groups.put("single-run spikes", g -> g.traits().spikes());
        groups.put("spike in the last run", g -> g.traits().lastRunSpike());
        groups.put("two machine states", g -> g.traits().bimodal());
        groups.put("slow drift", g -> g.traits().drift());
        groups.put("quantized", g -> g.traits().quantized());
        groups.put("missing values", g -> g.traits().missing());
        groups.put("a shift < 5 %", g -> g.shifts().stream().anyMatch(s -> s.magnitude() < 0.05));
        groups.put("a shift in the last 5 runs",
                g -> g.shifts().stream().anyMatch(s -> s.index() >= g.series().length() - 5));
        groups.put("a regression and its fix", TraitGroups::hasAFix);
        return groups;
    }

    private static boolean plain(CiHistoryGenerator.Traits t) {
        return t.noiseShape() == CiHistoryGenerator.NoiseShape.GAUSSIAN && !t.spikes() && !t.lastRunSpike()
                && !t.bimodal() && !t.drift() && !t.quantized() && !t.missing();
    }

    private static boolean hasAFix(CiHistoryGenerator.GeneratedSeries g) {
        for (int k = 1; k < g.shifts().size(); k++) {
            double product = g.shifts().get(k).factor() * g.shifts().get(k - 1).factor();
            if (Math.abs(product - 1) < 1e-12) {
                return true;
            }
        }
        return false;
    }
}
