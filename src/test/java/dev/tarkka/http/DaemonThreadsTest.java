package dev.tarkka.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;

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

    /** A library's thread lowered on its first task: the threads it starts afterwards inherit the priority. */
    @Test
    void aLoweredThreadsChildrenInheritBackgroundPriority() throws InterruptedException {
        AtomicReference<Integer> child = new AtomicReference<>();
        Thread library = new Thread(() -> {
            DaemonThreads.lowerCurrentToBackground();
            child.set(new Thread(NOTHING).getPriority());
        });
        library.start();
        library.join();

        assertThat(library.getPriority()).isEqualTo(Thread.MIN_PRIORITY);
        assertThat(child.get()).isEqualTo(Thread.MIN_PRIORITY);
    }
}
