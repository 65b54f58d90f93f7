package dev.tarkka.web;

import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import dev.tarkka.changes.ChangeService;
import dev.tarkka.series.SeriesStore;
import dev.tarkka.userconfig.UserConfigService;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/** Reads for the dashboard's pages, from the series and the change analysis every other read uses. */
@ApplicationScoped
public class DashboardService {

    private final SeriesStore series;
    private final ChangeService changes;
    private final UserConfigService configs;

    DashboardService(SeriesStore series, ChangeService changes, UserConfigService configs) {
        this.series = series;
        this.changes = changes;
        this.configs = configs;
    }

    public Uni<List<LatestPoint>> latest(ObjectId owner) {
        return series.newestPoints(owner).map(newest -> newest.entrySet().stream()
                .map(entry -> LatestPoint.of(entry.getKey(), entry.getValue()))
                .sorted(Comparator.comparing(LatestPoint::testName))
                .toList());
    }

    /** The test analysed with the owner's options, laid out for its page; null when it has no points. */
    public Uni<ChartSeries> series(ObjectId owner, String testName) {
        return configs.detectionOptions(owner)
                .chain(options -> changes.analyse(owner, testName, options))
                // tens of thousands of points take milliseconds to lay out and to write as JSON: not on the event loop
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(analysis -> analysis.series().isEmpty() ? null : ChartSeries.of(analysis));
    }
}
