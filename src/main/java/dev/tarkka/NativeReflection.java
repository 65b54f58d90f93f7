package dev.tarkka;

import dev.tarkka.changes.TestReport;
import dev.tarkka.detection.ReportChange;
import dev.tarkka.detection.ReportGroup;
import dev.tarkka.error.ErrorBody;
import dev.tarkka.error.ValidationProblem;
import dev.tarkka.series.DuplicateResultException;
import dev.tarkka.series.ResultInput;
import dev.tarkka.summaries.PerCommitEntry;
import dev.tarkka.summaries.Summary;
import dev.tarkka.userconfig.NotifierSettings;
import dev.tarkka.userconfig.UserConfigRequest;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Types Jackson reads or writes that no resource method declares as such (error bodies written by exception
 * mappers, records nested in answers or behind a {@code @JsonValue}), registered so that a native image can
 * serialise them.
 */
@RegisterForReflection(targets = { ErrorBody.class, ValidationProblem.class, ReportGroup.class, ReportChange.class,
        TestReport.class, ResultInput.class, ResultInput.Metric.class, ResultInput.Attributes.class, Summary.class,
        PerCommitEntry.Key.class, PerCommitEntry.Attributes.class, PerCommitEntry.Metrics.class,
        PerCommitEntry.Change.class, PerCommitEntry.Meta.class, UserConfigRequest.Notifiers.class,
        UserConfigRequest.Core.class, UserConfigRequest.Webhook.class, NotifierSettings.View.class,
        NotifierSettings.View.Webhook.class, DuplicateResultException.Detail.class, DuplicateResultException.Key.class })
final class NativeReflection {

    private NativeReflection() {
    }
}
