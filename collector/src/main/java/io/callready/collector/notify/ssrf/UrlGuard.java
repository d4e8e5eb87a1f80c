package io.callready.collector.notify.ssrf;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides whether the collector may POST to a receiver URL. Used when a channel is saved and again before
 * every connection: the host is resolved once, every address it resolves to must pass, and the connection is
 * made to that address ({@link Target#address()}), so a DNS answer that changes between check and connect
 * (rebinding) cannot redirect it. Addresses inside an allowed network (on-premises receivers) skip the
 * address rules; the URL-form rules always apply.
 */
public final class UrlGuard {
    /** One part of an IPv4 address as inet_aton reads it: decimal, octal (leading 0) or hex (0x). */
    private static final Pattern NUMERIC_PART = Pattern.compile("0x[0-9a-f]*|[0-9]+");
    private static final Pattern CANONICAL_PART = Pattern.compile("0|[1-9][0-9]{0,2}");

    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** Where to connect: the URL as given, and the one address checked for it. */
    public record Target(URI uri, String host, int port, boolean https, InetAddress address) {
    }

    private final List<Cidr> allowed;
    private final Resolver resolver;

    public UrlGuard(List<Cidr> allowed, Resolver resolver) {
        this.allowed = List.copyOf(allowed);
        this.resolver = resolver;
    }

    public Target check(String url) throws RefusedUrlException {
        URI uri = parse(url);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        boolean https = "https".equals(uri.getScheme().toLowerCase(Locale.ROOT));
        int port = uri.getPort() >= 0 ? uri.getPort() : https ? 443 : 80;
        if (host.startsWith("[")) {
            InetAddress literal = ipv6Literal(host);
            return new Target(uri, host, port, https, requireAllowed(literal, host));
        }
        String bare = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (isNumericIpv4(bare)) {
            if (!isCanonicalIpv4(host)) {
                throw nonStandard(host);
            }
            return new Target(uri, host, port, https, requireAllowed(InetAddress.ofLiteral(host), host));
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new RefusedUrlException("host '" + host + "' does not resolve");
        }
        if (addresses.length == 0) {
            throw new RefusedUrlException("host '" + host + "' does not resolve");
        }
        for (InetAddress a : addresses) {
            requireAllowed(a, host + " resolves to " + a.getHostAddress() + ",");
        }
        return new Target(uri, host, port, https, addresses[0]);
    }

    private static URI parse(String url) throws RefusedUrlException {
        if (url == null || url.isBlank()) {
            throw new RefusedUrlException("url is missing");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new RefusedUrlException("url is not a valid URI: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new RefusedUrlException("scheme '" + scheme + "' is not allowed; use http or https");
        }
        if (uri.getRawUserInfo() != null) {
            throw new RefusedUrlException("user info before the host is not allowed");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            // java.net.URI gives up on hosts like 127.1 or 0x7f.0.0.1; name the trick when it is one.
            String raw = uri.getRawAuthority() == null ? "" : uri.getRawAuthority().replaceFirst(":[0-9]*$", "").toLowerCase(Locale.ROOT);
            String bare = raw.endsWith(".") ? raw.substring(0, raw.length() - 1) : raw;
            if (!bare.isEmpty() && isNumericIpv4(bare)) {
                throw nonStandard(raw);
            }
            throw new RefusedUrlException("host is missing or not a valid host name");
        }
        return uri;
    }

    private static RefusedUrlException nonStandard(String host) {
        return new RefusedUrlException("host '" + host + "' is an IPv4 address in a non-standard form (decimal, octal, hex or "
                + "shortened); write it as four decimal numbers");
    }

    private static InetAddress ipv6Literal(String bracketed) throws RefusedUrlException {
        InetAddress address;
        try {
            address = InetAddress.ofLiteral(bracketed.substring(1, bracketed.length() - 1));
        } catch (IllegalArgumentException e) {
            throw new RefusedUrlException("host '" + bracketed + "' is not a valid IPv6 address");
        }
        if (address instanceof Inet4Address) {
            // The JDK turns ::ffff:a.b.c.d into a.b.c.d; such a URL exists only to slip past address filters.
            throw new RefusedUrlException("host '" + bracketed + "' is an IPv4-mapped IPv6 address");
        }
        return address;
    }

    private InetAddress requireAllowed(InetAddress address, String what) throws RefusedUrlException {
        if (allowed.stream().anyMatch(c -> c.contains(address))) {
            return address;
        }
        Optional<String> refusal = AddressPolicy.refusal(address);
        if (refusal.isPresent()) {
            String subject = what.endsWith(",") ? what : "host '" + what + "' is";
            throw new RefusedUrlException(subject + " " + refusal.get()
                    + "; list its network in callready.notify.allowed-networks if this receiver is meant to be on-premises");
        }
        return address;
    }

    private static boolean isNumericIpv4(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length > 4) {
            return false;
        }
        for (String p : parts) {
            if (!NUMERIC_PART.matcher(p).matches()) {
                return false;
            }
        }
        return true;
    }

    private static boolean isCanonicalIpv4(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (!CANONICAL_PART.matcher(p).matches() || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }
}
