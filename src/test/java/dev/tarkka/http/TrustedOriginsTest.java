package dev.tarkka.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Where cookie-authenticated writes may come from: Nyrkio's rules (api.md §0.1), with the own host's port. */
class TrustedOriginsTest {

    final TrustedOrigins trusted = new TrustedOrigins("https://tarkka.example.com",
            List.of("partner.org", ".corp.example", " *.ci.example ", "legacy.example:8443"));

    @Test
    void theOriginDecidesWhenThereIsOne() {
        assertThat(trusted.allows("https://tarkka.example.com", null, null, "tarkka.example.com")).isTrue();
        assertThat(trusted.allows("https://www.tarkka.example.com", null, null, "tarkka.example.com")).isTrue();
        assertThat(trusted.allows("https://evil.example", null, null, "tarkka.example.com")).isFalse();
        assertThat(trusted.allows("https://evil.example", "https://tarkka.example.com/settings", "same-origin",
                "tarkka.example.com")).as("the Referer is not asked when there is an Origin").isFalse();
        assertThat(trusted.allows("null", null, null, "tarkka.example.com")).as("a sandboxed page").isFalse();
        assertThat(trusted.allows("not a url", null, null, "tarkka.example.com")).isFalse();
    }

    @Test
    void theOwnHostCountsWithItsPort() {
        assertThat(trusted.allows("https://tarkka.example.com:8443", null, null, "tarkka.example.com")).isFalse();
        assertThat(trusted.allows("https://tarkka.example.com:443", null, null, "tarkka.example.com"))
                .as("the scheme's default port").isTrue();
        TrustedOrigins local = new TrustedOrigins("http://localhost:8080", List.of());
        assertThat(local.allows("http://localhost:8080", null, null, "localhost:8080")).isTrue();
        assertThat(local.allows("http://localhost:9999", null, "same-site", "localhost:8080"))
                .as("another port of the same host is another origin").isFalse();
    }

    @Test
    void theOriginTheRequestWasSentToIsTrusted() {
        TrustedOrigins local = new TrustedOrigins("http://localhost:8080", List.of());
        assertThat(local.allows("http://127.0.0.1:34567", null, null, "127.0.0.1:34567")).isTrue();
        assertThat(local.allows("http://LOCALHOST:34567", null, null, "localhost:34567")).isTrue();
        assertThat(local.allows("http://[::1]:34567", null, null, "[::1]:34567")).isTrue();
        assertThat(local.allows("http://localhost:34568", null, null, "localhost:34567")).isFalse();
    }

    @Test
    void allowedHostsMatchAsInNyrkio() {
        assertThat(allowsOrigin("https://partner.org")).isTrue();
        assertThat(allowsOrigin("https://www.partner.org")).as("x.com is exact").isFalse();
        assertThat(allowsOrigin("https://corp.example")).as(".x.com: the apex").isTrue();
        assertThat(allowsOrigin("https://a.b.corp.example")).as(".x.com: subdomains").isTrue();
        assertThat(allowsOrigin("https://notcorp.example")).isFalse();
        assertThat(allowsOrigin("https://ci.example")).as("*.x.com: not the apex").isFalse();
        assertThat(allowsOrigin("https://runner.ci.example:8080")).as("*.x.com: subdomains, any port").isTrue();
        assertThat(allowsOrigin("https://legacy.example")).as("a port in the list is ignored").isTrue();
        assertThat(allowsOrigin("https://PARTNER.ORG.")).as("case and a trailing dot").isTrue();
    }

    @Test
    void theRefererDecidesWithoutAnOrigin() {
        assertThat(trusted.allows(null, "https://tarkka.example.com/tests/a", null, "tarkka.example.com")).isTrue();
        assertThat(trusted.allows(null, "https://evil.example/x", null, "tarkka.example.com")).isFalse();
    }

    @Test
    void withNeitherTheBrowserAndTheHostDecide() {
        assertThat(trusted.allows(null, null, null, "tarkka.example.com")).as("curl with the cookie").isTrue();
        assertThat(trusted.allows(null, null, "same-origin", "tarkka.example.com:443")).isTrue();
        assertThat(trusted.allows(null, null, "none", "tarkka.example.com")).as("typed by the user").isTrue();
        assertThat(trusted.allows(null, null, "cross-site", "tarkka.example.com")).isFalse();
        assertThat(trusted.allows(null, null, "same-site", "tarkka.example.com")).isFalse();
        assertThat(trusted.allows(null, null, null, "internal-name:8080")).as("a host that is not ours").isFalse();
        assertThat(trusted.allows(null, null, null, "x.corp.example")).isTrue();
        assertThat(trusted.allows(null, null, null, null)).isFalse();
    }

    @Test
    void thePublicUrlMustBeAbsolute() {
        assertThatThrownBy(() -> new TrustedOrigins("tarkka.example.com", List.of()))
                .hasMessageContaining("tarkka.public-url");
    }

    private boolean allowsOrigin(String origin) {
        return trusted.allows(origin, null, null, "tarkka.example.com");
    }
}
