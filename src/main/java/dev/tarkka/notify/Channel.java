package dev.tarkka.notify;

import dev.tarkka.userconfig.NotifierSettings;
import io.smallrye.mutiny.Uni;

/** A way of telling an owner about change points: Slack, GitHub, a webhook, mail. */
interface Channel {

    /** The channel's name in the outbox and in answers: {@code slack}, {@code github}, {@code webhook}, {@code email}. */
    String name();

    /** Whether the owner's settings turn this channel on. */
    boolean configured(NotifierSettings settings);

    /** Whether this channel announces the notice at all (GitHub opens issues for regressions only). */
    default boolean announces(ChangeNotice notice) {
        return true;
    }

    /** Whether it announces pull-request verdicts. */
    default boolean announcesPulls() {
        return false;
    }

    /** Sends the entry; answers what came of it (an issue's URL, say), fails when the target did not take it. */
    Uni<String> deliver(OutboxEntry entry, NotifierSettings settings);

    /** Sends a test message (or, where that would leave traces, checks the credentials); answers what came of it. */
    Uni<String> test(NotifierSettings settings);
}
