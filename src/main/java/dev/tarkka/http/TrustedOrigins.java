package dev.tarkka.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which pages may send cookie-authenticated writes (see {@link CsrfGuard}): those of the origin of
 * {@code tarkka.public-url} and of its {@code www.} twin, those of the origin a request was sent to, and those of the
 * host names {@code tarkka.csrf.allowed-hosts} lists. Host names are compared as Nyrkio compares them: lower case,
 * without a trailing dot or IPv6 brackets.
 */
final class TrustedOrigins {

    private final Set<String> ownOrigins;
    private final Set<String> ownHosts;
    private final List<String> allowedHosts;

    /**
     * @param publicUrl    where people reach this Tarkka
     * @param allowedHosts {@code x.com} exactly, {@code .x.com} it and its subdomains, {@code *.x.com} its subdomains
     */
    TrustedOrigins(String publicUrl, List<String> allowedHosts) {
        URI url = parse(publicUrl);
        if (url == null || url.getHost() == null) {
            throw new IllegalArgumentException("tarkka.public-url is not an absolute URL: " + publicUrl);
        }
        String host = hostName(url.getHost());
        String twin = host.startsWith("www.") ? host.substring(4) : "www." + host;
        String port = portSuffix(url);
        this.ownOrigins = Set.of(host + port, twin + port);
        this.ownHosts = Set.of(host, twin);
        this.allowedHosts = new ArrayList<>();
        for (String pattern : allowedHosts) {
            String trimmed = pattern.trim().toLowerCase(Locale.ROOT);
            if (!trimmed.isEmpty()) {
                this.allowedHosts.add(hostName(trimmed.replaceFirst(":[0-9]*$", "")));
            }
        }
    }

    /**
     * Whether a cookie-authenticated write with these request headers may go on (each may be null), in Nyrkio's
     * order: the {@code Origin}, else the {@code Referer}, else what {@code Sec-Fetch-Site} and {@code Host} say.
     *
     * @param host the host the request was sent to, with its port when it has one ({@code Host})
     */
    boolean allows(String origin, String referer, String fetchSite, String host) {
        if (origin != null) {
            return isTrusted(origin, host);
        }
        if (referer != null) {
            return isTrusted(referer, host);
        }
        // A browser that says where the request comes from: only same-origin requests and the user's own typing.
        if ("cross-site".equals(fetchSite) || "same-site".equals(fetchSite)) {
            return false;
        }
        return host != null && isTrustedHost(hostName(host.replaceFirst(":[0-9]*$", "")));
    }

    /** Whether the page at {@code url} (an origin or a referring URL) is one of the trusted ones. */
    private boolean isTrusted(String url, String requestHost) {
        URI uri = parse(url);
        if (uri == null || uri.getHost() == null) {
            return false; // "null" (a sandboxed or local document), or not a URL
        }
        String host = hostName(uri.getHost());
        String port = portSuffix(uri);
        // as a Host header writes it: IPv6 in brackets, the port only when it is not the scheme's default
        String asHostHeader = uri.getHost().toLowerCase(Locale.ROOT) + port;
        return ownOrigins.contains(host + port) || asHostHeader.equalsIgnoreCase(requestHost)
                || matchesAllowedHost(host);
    }

    private boolean isTrustedHost(String host) {
        return ownHosts.contains(host) || matchesAllowedHost(host);
    }

    private boolean matchesAllowedHost(String host) {
        for (String pattern : allowedHosts) {
            if (pattern.startsWith("*.") ? host.endsWith(pattern.substring(1))
                    : pattern.startsWith(".") ? host.equals(pattern.substring(1)) || host.endsWith(pattern)
                    : host.equals(pattern)) {
                return true;
            }
        }
        return false;
    }

    /** {@code :port} when the URL names a port other than its scheme's default, as browsers write origins. */
    private static String portSuffix(URI uri) {
        int port = uri.getPort();
        boolean standard = port == -1 || (port == 80 && "http".equalsIgnoreCase(uri.getScheme()))
                || (port == 443 && "https".equalsIgnoreCase(uri.getScheme()));
        return standard ? "" : ":" + port;
    }

    private static String hostName(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    private static URI parse(String url) {
        try {
            return new URI(url.trim());
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
