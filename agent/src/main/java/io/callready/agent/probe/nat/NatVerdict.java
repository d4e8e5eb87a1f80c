package io.callready.agent.probe.nat;

import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Optional;

/**
 * The conclusions of RFC 5780 §4.3 (mapping), §4.4 (filtering), port preservation and §4.5 (hairpinning).
 *
 * @param portPreserved empty when there is no NAT or no answer
 * @param hairpinning   empty when not tested
 */
public record NatVerdict(Mapping mapping, Filtering filtering, Optional<Boolean> portPreserved, Optional<Boolean> hairpinning,
                         Optional<InetSocketAddress> publicAddress, boolean mappedRewritten) {

    public enum Mapping {
        /** The server saw the socket's own address: no NAT between the agent and the server. */
        NO_NAT,
        ENDPOINT_INDEPENDENT,
        ADDRESS_DEPENDENT,
        /** "Symmetric NAT": each destination address and port gets its own public port. */
        ADDRESS_AND_PORT_DEPENDENT,
        UNKNOWN;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Filtering {
        ENDPOINT_INDEPENDENT, ADDRESS_DEPENDENT, ADDRESS_AND_PORT_DEPENDENT, UNKNOWN;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
