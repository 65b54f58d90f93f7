package dev.tarkka.http;

import org.jboss.resteasy.reactive.RestMulti;

import dev.tarkka.error.ApiException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Answers that are JSON arrays written while they are read, so that no request holds a long series in memory. */
public final class Streams {

    private Streams() {
    }

    /**
     * The items as a JSON array streamed to the client, or a JSON 404 when the lookup finds nothing (decided
     * before anything is written).
     */
    public static <T> Multi<T> orNotFound(Uni<Multi<T>> items) {
        return RestMulti.fromUniResponse(items.onItem().ifNull().failWith(ApiException::notFound), multi -> multi);
    }
}
