package dev.tarkka.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;

/** Everything Tarkka itself can be configured with; see the configuration table in the README. */
@ConfigMapping(prefix = "tarkka")
public interface TarkkaConfig {

    Store store();

    Auth auth();

    Admin admin();

    Detection detection();

    /** {@code tarkka.notify.*} ({@code notify()} is taken by {@code Object}). */
    @WithName("notify")
    Notify notifications();

    Log log();

    Limits limits();

    /**
     * Where people reach this Tarkka: the base of the links in notifications, and the origin whose pages may send
     * cookie-authenticated writes.
     */
    @WithDefault("http://localhost:8080")
    String publicUrl();

    Csrf csrf();

    interface Store {
        Embedded embedded();

        interface Embedded {
            /** Start the in-JVM MongoDB wire-protocol server when no connection string is configured. */
            @WithParentName
            @WithDefault("false")
            boolean enabled();

            /** File of the embedded store; data survives restarts. */
            @WithDefault("./data/tarkka.mv")
            String path();

            /** Loopback port of the embedded store (0: any free one); another instance may connect to it. */
            @WithDefault("0")
            int port();

            /** Page cache of the embedded store, in megabytes. */
            @WithDefault("64")
            int cacheSize();

            /** Force every acknowledged write to disk; false keeps them only as safe as the OS page cache. */
            @WithDefault("true")
            boolean sync();
        }
    }

    interface Auth {
        /** Lifetime of login tokens (jwt and cookie login). */
        @WithDefault("7D")
        Duration sessionTtl();

        /** Lifetime of CI API tokens; unset means they do not expire (they stay revocable). */
        Optional<Duration> apiTokenTtl();

        /**
         * How long requests may reuse the caller's account and API token as an earlier request read them, instead of
         * reading both again. Deactivation, revocation and a password change apply at once on the replica that made
         * them and within this time on the others; 0 reads them for every request.
         */
        @WithDefault("1S")
        Duration accountCacheTtl();

        /**
         * bcrypt cost of the password hashes made from now on: 2^cost rounds, each step doubles the time of a login
         * and of the hash itself (about 80 ms of one core at 10). A hash keeps the cost it was made with.
         */
        @WithDefault("10")
        @Min(4)
        @Max(31)
        int passwordHashCost();

        /** Mark the login cookie Secure (HTTPS only); turn off only for plain-HTTP development. */
        @WithDefault("true")
        boolean cookieSecure();

        LoginThrottle loginThrottle();

        /**
         * New accounts must verify their email (a link sent with the Quarkus mailer) before they can log in;
         * off: new accounts are verified at once.
         */
        @WithDefault("false")
        boolean emailVerification();

        /** How long an email verification or password reset link works (each works once). */
        @WithDefault("1H")
        Duration accountTokenTtl();

        /**
         * Dev mode only: where the generated JWT key pair is kept, so tokens survive a restart (set in the dev
         * profile to {@code ./data/dev-keys}; ignored in other profiles and when keys are configured).
         */
        Optional<String> devKeysDir();

        /** Password guessing against one account: how many failed logins a window allows. */
        interface LoginThrottle {
            /** Failed logins allowed per account and window; the next one is refused with 429 until it ends. */
            @WithDefault("10")
            int maxFailures();

            /** Starts with an account's first failed login; the count starts over when it has passed. */
            @WithDefault("15M")
            Duration window();
        }
    }

    /** Cross-site request forgery: where cookie-authenticated writes may come from besides Tarkka's own pages. */
    interface Csrf {
        /**
         * More host names whose pages may send them, as Nyrkio's {@code CSRF_ALLOWED_HOSTS}: {@code x.com} exactly,
         * {@code .x.com} it and its subdomains, {@code *.x.com} its subdomains only.
         */
        Optional<List<String>> allowedHosts();
    }

    /** The first administrator, created or updated at startup (TARKKA_ADMIN_EMAIL / TARKKA_ADMIN_PASSWORD). */
    interface Admin {
        Optional<String> email();

        Optional<String> password();
    }

    /** What one owner, one test and the reads of long series may take; 0 turns a count limit off. */
    interface Limits {
        /** Points of one test's own series (pull requests' points aside); an upload beyond it gets 403. */
        @WithDefault("1000000")
        long pointsPerTest();

        /** Tests one owner may have; an upload that would start one more gets 403. */
        @WithDefault("10000")
        long testsPerOwner();

        /**
         * Uploads of one owner per minute, counted by each instance on its own; beyond it: 429 with Retry-After. A CI
         * run may upload a result for each of a thousand tests at once: the default leaves room for that.
         */
        @WithDefault("6000")
        int uploadsPerMinute();

        /**
         * Memory the series being read for analysis may take at once (about 200 bytes a point from their columns,
         * 4 KB when they must be read from their points); beyond it a read gets 503 with Retry-After, except when
         * it is the only one. Default: 40 % of the maximum heap.
         */
        Optional<MemorySize> seriesMemory();

        /**
         * Memory for series kept decoded between uploads (about 200 bytes a point), so that appending to a long test
         * reads only its newest chunk. Default: 10 % of the maximum heap; 0 turns it off.
         */
        Optional<MemorySize> seriesCache();

        /** Readiness is DOWN while the heap, measured after the last collection, is fuller than this. */
        @WithDefault("0.9")
        double heapReadyBelow();
    }

    interface Log {
        /**
         * Console logs as one JSON object per line (for a log collector) instead of text; applied through
         * {@code quarkus.log.console.json.enabled}, declared here so that a wrong value stops the start.
         */
        @WithDefault("false")
        boolean json();
    }

    interface Detection {
        /**
         * Change detections and parses of large request bodies running at once (one pool); defaults to one fewer
         * than the available processors (at least one), so a core's worth of time stays for I/O and health probes.
         */
        OptionalInt maxConcurrency();

        /** How long a request waits for a free detection slot before it gets 503 with Retry-After. */
        @WithDefault("10S")
        Duration queueTimeout();

        default int effectiveMaxConcurrency() {
            return maxConcurrency().orElse(Math.max(1, Runtime.getRuntime().availableProcessors() - 1));
        }
    }

    /** Notifications: the outbox worker and what it may send to. */
    interface Notify {
        /**
         * Allow notification targets (webhook, Slack, GitHub API URLs) on loopback, link-local, private or
         * multicast addresses: the service's own network. Off by default: a user's URL must not reach it.
         */
        @WithDefault("false")
        boolean allowPrivateTargets();

        /** How often each instance looks for due notifications. */
        @WithDefault("1S")
        Duration pollInterval();

        /**
         * How often the {@code tarkka.notify.backlog} gauge is counted (one count query against the store): about the
         * metrics' scrape interval.
         */
        @WithDefault("15S")
        Duration backlogInterval();

        /** How long a claimed notification is this instance's before another may take it over (after a crash). */
        @WithDefault("2M")
        Duration lease();

        /** The longest one send to a target may take. */
        @WithDefault("10S")
        Duration sendTimeout();

        /** Delay before the first retry of a failed send; it doubles with every attempt. */
        @WithDefault("5S")
        Duration retryDelay();

        /** The longest delay between two retries. */
        @WithDefault("10M")
        Duration maxRetryDelay();

        /** Sends tried before a notification is given up as failed. */
        @WithDefault("12")
        int maxAttempts();
    }
}
