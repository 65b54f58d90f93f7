package dev.tarkka;

import dev.tarkka.detection.ReportChange;
import dev.tarkka.detection.ReportGroup;
import dev.tarkka.error.ErrorBody;
import dev.tarkka.error.ValidationProblem;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Types Jackson serialises that no resource method declares as its return type (error bodies written by
 * exception mappers, report records inside maps), registered so that a native image can serialise them.
 */
@RegisterForReflection(targets = { ErrorBody.class, ValidationProblem.class, ReportGroup.class, ReportChange.class })
final class NativeReflection {

    private NativeReflection() {
    }
}
