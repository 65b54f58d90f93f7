package dev.tarkka.http;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.tarkka.config.TarkkaConfig;
import dev.tarkka.error.ApiException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Where a user-configured URL may lead: never into the service's own network (loopback, link-local such as cloud
 * metadata at 169.254.169.254, private, carrier-grade NAT, unique-local or multicast addresses) unless
 * {@code tarkka.notify.allow-private-targets} says so. Checked when a URL is saved and again, on the address
 * actually connected to, when something is sent: DNS answers can change in between.
 */
@ApplicationScoped
public class OutboundTargets {

    private final boolean allowPrivate;
    private final Predicate<InetAddress> isPrivate;

    @Inject
    OutboundTargets(TarkkaConfig config) {
        this(config.notifications().allowPrivateTargets(), OutboundTargets::isPrivate);
    }

    /** {@code isPrivate} tells the service's own network from the internet. */
    OutboundTargets(boolean allowPrivate, Predicate<InetAddress> isPrivate) {
        this.allowPrivate = allowPrivate;
        this.isPrivate = isPrivate;
    }

    /** A target refused by the policy, or a URL that cannot be used at all. */
    public static final class RefusedTarget extends RuntimeException {
        public RefusedTarget(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * A URL a user is saving as {@code field}: an absolute http(s) URL whose host does not resolve into the
     * service's network; a 400 naming the field otherwise. A name that does not resolve now is accepted (it is
     * checked again when something is sent).
     */
    public Uni<Void> checkSaved(String field, String url) {
        return Uni.createFrom().item(() -> {
            try {
                URI uri = parse(url);
                InetAddress[] addresses;
                try {
                    addresses = InetAddress.getAllByName(uri.getHost());
                } catch (UnknownHostException e) {
                    return null;
                }
                for (InetAddress address : addresses) {
                    refuseIfPrivate(uri.getHost(), address);
                }
                return null;
            } catch (RefusedTarget e) {
                throw ApiException.badRequest(field + ": " + e.getMessage());
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()).replaceWithVoid();
    }

    /** The URL as a URI with an http(s) scheme and a host, or a {@link RefusedTarget} saying why not. */
    public static URI parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new RefusedTarget("not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new RefusedTarget("only http and https URLs are allowed");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new RefusedTarget("the URL has no host");
        }
        if (uri.getUserInfo() != null) {
            throw new RefusedTarget("credentials in the URL are not allowed");
        }
        return uri;
    }

    /**
     * The address to connect to for {@code host}: its first address, refused when any of its addresses is in the
     * service's network. Blocking (name resolution): call it off the event loop.
     */
    public InetAddress resolve(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new RefusedTarget("the host " + host + " cannot be resolved");
        }
        for (InetAddress address : addresses) {
            refuseIfPrivate(host, address);
        }
        return addresses[0];
    }

    private void refuseIfPrivate(String host, InetAddress address) {
        if (!allowPrivate && isPrivate.test(address)) {
            throw new RefusedTarget(host + " resolves to " + address.getHostAddress()
                    + ", an address of the service's own network (loopback, link-local, private or multicast)");
        }
    }

    /** Whether the address belongs to a network the service itself may sit in, rather than the internet. */
    public static boolean isPrivate(InetAddress address) {
        if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            return first == 0 || (first == 100 && second >= 64 && second < 128) // this network, carrier-grade NAT
                    || (first == 198 && (second == 18 || second == 19)) || first >= 240; // benchmarking, reserved
        }
        if (address instanceof Inet6Address) {
            if ((bytes[0] & 0xfe) == 0xfc) {
                return true; // unique local fc00::/7
            }
            boolean mappedV4 = true;
            for (int i = 0; i < 10; i++) {
                mappedV4 &= bytes[i] == 0;
            }
            if (mappedV4 && (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff) {
                try {
                    return isPrivate(InetAddress.getByAddress(java.util.Arrays.copyOfRange(bytes, 12, 16)));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
    }
}
