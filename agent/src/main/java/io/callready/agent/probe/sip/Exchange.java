package io.callready.agent.probe.sip;

import io.callready.wire.sip.SipMessage;

import java.net.InetSocketAddress;

/**
 * What happened to one request sent to one target.
 *
 * @param phase           where it failed: {@code connect}, {@code tls}, {@code timeout}, {@code response}; null on success
 * @param error           why, or null
 * @param connectMs       TCP connect time (stream transports), or -1
 * @param tlsMs           TLS handshake time, or -1
 * @param responseMs      from the first transmission to the final response, or -1
 * @param retransmissions UDP retransmissions before the answer (RFC 3261 Timer E)
 * @param response        the final response, or null
 * @param provisional     status code of the last provisional response seen, or 0
 * @param local           our address and port on this connection/socket
 * @param tls             what the TLS handshake showed, or null
 */
public record Exchange(String phase, String error, long connectMs, long tlsMs, long responseMs, int retransmissions,
                       SipMessage response, int provisional, InetSocketAddress local, TlsFacts tls) {

    public static Exchange failed(String phase, String error, long connectMs, long tlsMs, InetSocketAddress local, TlsFacts tls) {
        return new Exchange(phase, error, connectMs, tlsMs, -1, 0, null, 0, local, tls);
    }
}
