package dev.tarkka.load;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Command-line options of the harness, validated once so the rest of the code can trust them. */
record Options(
        Duration duration,
        Duration warmup,
        Duration idleBaseline,
        int users,
        int tests,
        int uploaderThreads,
        int readerThreads,
        long seed,
        long maxRequests,
        URI targetUrl,
        Path projectDir,
        List<String> serviceJvmArgs,
        Long servicePid,
        boolean storeProcess,
        boolean keepFiles) {

    /** Keeps the machine usable: the client shares the cores with the service. */
    static final int MAX_CLIENT_THREADS = 64;

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    static final String USAGE = """
            Usage: java -jar tarkka-load.jar [options]

              --duration SECONDS      measured load phase (default 60)
              --warmup SECONDS        load before measuring, not reported (default 10)
              --idle SECONDS          idle liveness baseline before any load (default 5)
              --users N               registered users owning the tests (default 10)
              --tests N               benchmark tests the uploaders spread over (default 300)
              --uploaders N           closed-loop CI upload clients (default 16)
              --readers N             closed-loop reader clients (default 8)
              --seed N                seed of all random choices and values (default 42)
              --max-requests N        hard cap on load requests, warm-up included (default 2000000)
              --project DIR           project root holding target/quarkus-app (default .)
              --service-jvm-args "…"  extra JVM options for the started service, space separated
              --url http://127.0.0.1:PORT
                                      use an already running service (loopback only) instead of starting one
              --pid N                 with --url: the service's process id, to sample its memory and CPU
              --store-process         run the started service's store in a process of its own (a second instance
                                      serving only its embedded store), as a MongoDB server is in production
              --keep                  keep the temporary store file and keys of the started service
              --help
            """;

    static Options parse(String[] args) {
        Duration duration = Duration.ofSeconds(60);
        Duration warmup = Duration.ofSeconds(10);
        Duration idle = Duration.ofSeconds(5);
        int users = 10;
        int tests = 300;
        int uploaders = 16;
        int readers = 8;
        long seed = 42;
        long maxRequests = 2_000_000;
        URI url = null;
        Path project = Path.of(".");
        List<String> jvmArgs = new ArrayList<>();
        Long pid = null;
        boolean storeProcess = false;
        boolean keep = false;

        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--duration" -> duration = Duration.ofSeconds(positive(arg, value(args, ++i, arg)));
                case "--warmup" -> warmup = Duration.ofSeconds(nonNegative(arg, value(args, ++i, arg)));
                case "--idle" -> idle = Duration.ofSeconds(nonNegative(arg, value(args, ++i, arg)));
                case "--users" -> users = (int) positive(arg, value(args, ++i, arg));
                case "--tests" -> tests = (int) positive(arg, value(args, ++i, arg));
                case "--uploaders" -> uploaders = (int) nonNegative(arg, value(args, ++i, arg));
                case "--readers" -> readers = (int) nonNegative(arg, value(args, ++i, arg));
                case "--seed" -> seed = Long.parseLong(value(args, ++i, arg));
                case "--max-requests" -> maxRequests = positive(arg, value(args, ++i, arg));
                case "--project" -> project = Path.of(value(args, ++i, arg));
                case "--service-jvm-args" -> jvmArgs = splitArgs(value(args, ++i, arg));
                case "--url" -> url = loopbackUrl(value(args, ++i, arg));
                case "--pid" -> pid = positive(arg, value(args, ++i, arg));
                case "--store-process" -> storeProcess = true;
                case "--keep" -> keep = true;
                case "--help", "-h" -> throw new UsageException(null);
                default -> throw new UsageException("unknown option " + arg);
            }
        }
        if (uploaders + readers == 0) {
            throw new UsageException("at least one uploader or reader is needed");
        }
        if (uploaders + readers > MAX_CLIENT_THREADS) {
            throw new UsageException("at most " + MAX_CLIENT_THREADS + " client threads (uploaders + readers)");
        }
        if (users > tests) {
            throw new UsageException("--users must not exceed --tests: every user owns at least one test");
        }
        if (pid != null && url == null) {
            throw new UsageException("--pid only goes with --url (a started service is sampled anyway)");
        }
        if (storeProcess && url != null) {
            throw new UsageException("--store-process only goes with a started service, not --url");
        }
        return new Options(duration, warmup, idle, users, tests, uploaders, readers, seed, maxRequests, url,
                project.toAbsolutePath().normalize(), List.copyOf(jvmArgs), pid, storeProcess, keep);
    }

    /** Load goes to this machine only: a name other than localhost, or a non-loopback address, is refused. */
    static URI loopbackUrl(String text) {
        URI uri;
        try {
            uri = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--url is not a URL: " + text);
        }
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() <= 0) {
            throw new UsageException("--url must look like http://127.0.0.1:PORT");
        }
        if (!isLoopback(uri.getHost())) {
            throw new UsageException("--url must point to this machine (127.0.0.0/8, ::1 or localhost), not "
                    + uri.getHost());
        }
        return uri;
    }

    private static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        boolean literal = IPV4.matcher(host).matches() || host.startsWith("[");
        if (!literal) {
            return false; // never resolve a name: DNS could answer anything
        }
        try {
            return InetAddress.getByName(host.replace("[", "").replace("]", "")).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[index];
    }

    private static long positive(String option, String text) {
        long value = number(option, text);
        if (value <= 0) {
            throw new UsageException(option + " must be positive");
        }
        return value;
    }

    private static long nonNegative(String option, String text) {
        long value = number(option, text);
        if (value < 0) {
            throw new UsageException(option + " must not be negative");
        }
        return value;
    }

    private static long number(String option, String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new UsageException(option + " needs a whole number, not " + text);
        }
    }

    private static List<String> splitArgs(String text) {
        List<String> parts = new ArrayList<>();
        for (String part : text.trim().split("\\s+")) {
            if (!part.isEmpty()) {
                parts.add(part);
            }
        }
        return parts;
    }

    /** A bad command line: the message (if any) and the usage text are printed, exit code 2. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
