package io.callready.agent.probe.nat;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * One STUN Binding answer as the client saw it.
 *
 * @param from           where the datagram came from (the socket that answered, as the NAT delivered it)
 * @param xorMapped      XOR-MAPPED-ADDRESS: the client's address as the server saw it
 * @param mapped         MAPPED-ADDRESS when present; differing from {@code xorMapped} means a middlebox rewrote it
 * @param responseOrigin RESPONSE-ORIGIN (RFC 5780): the server socket that sent the answer
 * @param otherAddress   OTHER-ADDRESS (RFC 5780): the server's alternate address and port
 * @param errorCode      the STUN error code of an error response, 0 for a success
 * @param rttNanos       from the first transmission to this answer
 */
public record BindingReply(InetSocketAddress from, Optional<InetSocketAddress> xorMapped, Optional<InetSocketAddress> mapped,
                           Optional<InetSocketAddress> responseOrigin, Optional<InetSocketAddress> otherAddress,
                           int errorCode, long rttNanos) {

    public boolean success() {
        return errorCode == 0 && xorMapped.isPresent();
    }

    /** MAPPED-ADDRESS present and not equal to XOR-MAPPED-ADDRESS: something in the path rewrote the body. */
    public boolean mappedRewritten() {
        return mapped.isPresent() && xorMapped.isPresent() && !mapped.get().equals(xorMapped.get());
    }
}
