package dev.tarkka.web;

import java.util.List;

import dev.tarkka.series.ResultInput;
import dev.tarkka.series.StoredPoint;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The newest point of a test, as the API shows points, with the test's name. */
@RegisterForReflection // an element of a list: a native image would not know to keep it for JSON
public record LatestPoint(String testName, long timestamp, List<ResultInput.Metric> metrics,
        ResultInput.Attributes attributes) {

    static LatestPoint of(String testName, StoredPoint point) {
        return new LatestPoint(testName, point.timestamp(), point.result().metrics(), point.result().attributes());
    }
}
