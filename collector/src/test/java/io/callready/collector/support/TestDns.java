package io.callready.collector.support;

import io.callready.collector.notify.ssrf.UrlGuard;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SSRF guard's resolver in tests: names a test registered answer with the addresses it chose, as a DNS
 * server would (an AAAA record of {@code ::ffff:127.0.0.1} stays an IPv6 address, as the system resolver returns
 * it); every other name goes to the system resolver. Tests that register a name {@link #forget} it when done.
 */
@Alternative
@Priority(1)
@Singleton
public class TestDns implements UrlGuard.Resolver {
    private final Map<String, InetAddress[]> answers = new ConcurrentHashMap<>();

    public void answer(String host, String... addresses) {
        answers.put(host, Arrays.stream(addresses).map(TestDns::record).toArray(InetAddress[]::new));
    }

    public void forget(String host) {
        answers.remove(host);
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] answer = answers.get(host);
        return answer != null ? answer.clone() : InetAddress.getAllByName(host);
    }

    /**
     * An address as a DNS answer carries it: a literal with a colon is a 16-byte AAAA record even when it is an
     * IPv4-mapped one, which {@link InetAddress#ofLiteral} would turn into an IPv4 address.
     */
    public static InetAddress record(String literal) {
        InetAddress parsed = InetAddress.ofLiteral(literal);
        if (!literal.contains(":") || parsed instanceof Inet6Address) {
            return parsed;
        }
        byte[] v6 = new byte[16];
        v6[10] = (byte) 0xff;
        v6[11] = (byte) 0xff;
        System.arraycopy(((Inet4Address) parsed).getAddress(), 0, v6, 12, 4);
        try {
            return Inet6Address.getByAddress(null, v6, -1);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 bytes are always an IPv6 address", e);
        }
    }
}
