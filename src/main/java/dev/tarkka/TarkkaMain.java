package dev.tarkka;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts Tarkka. Quarkus's HTTP layer refuses a request target that is not a valid URI (a malformed
 * percent-escape such as {@code %zz}) with an empty 400 before any handler runs. Tarkka makes the same check
 * itself, first of all ({@link dev.tarkka.http.RequestGuard}), so that the client gets a JSON error like for
 * every other refusal; this hands that check over to it.
 */
@QuarkusMain
public final class TarkkaMain {

    /** Read once by Quarkus when its HTTP layer is initialised, so it has to be set before Quarkus starts. */
    public static final String URI_VALIDATION_PROPERTY = "vertx.disableURIValidation";

    public static void main(String... args) {
        System.setProperty(URI_VALIDATION_PROPERTY, "true");
        Quarkus.run(args);
    }
}
