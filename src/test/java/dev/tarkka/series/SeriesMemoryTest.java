package dev.tarkka.series;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.tarkka.error.ApiException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

class SeriesMemoryTest {

    static final long MB = 1L << 20;
    static final Duration WAIT = Duration.ofSeconds(30);

    final SeriesMemory memory = new SeriesMemory(100 * MB, new SimpleMeterRegistry());

    /** A read that holds its memory until the test completes it. */
    static final class HeldRead {
        UniEmitter<? super String> emitter;

        Uni<String> read() {
            return Uni.createFrom().emitter(e -> emitter = e);
        }
    }

    @Test
    void readsBeyondTheBudgetAreRefusedWith503UntilMemoryIsFreed() {
        HeldRead first = new HeldRead();
        var running = memory.admit(60 * MB, first::read).subscribeAsCompletionStage();
        Throwable refused = memory.admit(60 * MB, () -> Uni.createFrom().item("second")).map(item -> (Throwable) null)
                .onFailure().recoverWithItem(e -> e).await().atMost(WAIT);
        assertThat(refused).isInstanceOf(ApiException.class);
        assertThat(((ApiException) refused).status()).isEqualTo(503);
        assertThat(((ApiException) refused).headers()).containsKey("Retry-After");
        // within the budget beside it, and small reads never wait
        assertThat(memory.admit(30 * MB, () -> Uni.createFrom().item("beside")).await().atMost(WAIT)).isEqualTo("beside");
        assertThat(memory.admit(MB / 2, () -> Uni.createFrom().item("small")).await().atMost(WAIT)).isEqualTo("small");

        first.emitter.complete("first");
        assertThat(running.toCompletableFuture().join()).isEqualTo("first");
        assertThat(memory.admit(60 * MB, () -> Uni.createFrom().item("after")).await().atMost(WAIT)).isEqualTo("after");
    }

    @Test
    void aFailedReadFreesItsMemoryToo() {
        assertThat(memory.admit(90 * MB, () -> Uni.createFrom().failure(new IllegalStateException("read failed")))
                .onFailure().recoverWithItem("failed").await().atMost(WAIT)).isEqualTo("failed");
        assertThat(memory.admit(90 * MB, () -> Uni.createFrom().item("next")).await().atMost(WAIT)).isEqualTo("next");
    }

    @Test
    void oneReadAloneIsAdmittedWhateverItsSize() {
        assertThat(memory.admit(500 * MB, () -> Uni.createFrom().item("huge")).await().atMost(WAIT)).isEqualTo("huge");
    }
}
