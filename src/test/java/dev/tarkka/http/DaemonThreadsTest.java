package dev.tarkka.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DaemonThreadsTest {

    private static final Runnable NOTHING = () -> {
    };

    @Test
    void poolThreadsAreNamedDaemonsAtNormalOrBackgroundPriority() {
        Thread normal = DaemonThreads.named("pool-").newThread(NOTHING);
        Thread background = DaemonThreads.background("cpu-").newThread(NOTHING);

        assertThat(normal.getName()).isEqualTo("pool-1");
        assertThat(normal.isDaemon()).isTrue();
        assertThat(normal.getPriority()).isEqualTo(Thread.NORM_PRIORITY);
        assertThat(background.getName()).isEqualTo("cpu-1");
        assertThat(background.isDaemon()).isTrue();
        assertThat(background.getPriority()).isEqualTo(Thread.MIN_PRIORITY);
    }
}
