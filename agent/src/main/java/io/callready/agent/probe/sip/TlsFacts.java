package io.callready.agent.probe.sip;

import java.util.List;

/**
 * What the TLS handshake of a SIP-TLS target showed.
 *
 * @param protocol          negotiated protocol, e.g. TLSv1.3
 * @param cipher            negotiated cipher suite
 * @param subject           leaf certificate subject
 * @param issuer            leaf certificate issuer
 * @param names             identities the leaf certificate carries, in the order RFC 5922 consults them
 * @param chainValid        whether the chain validates against the trust store
 * @param chainError        why not, or null
 * @param dialledDomain     the SIP domain the user dialled (what RFC 5922 matches against)
 * @param hostnameMatches   whether one of the names equals the dialled domain
 * @param hostnameNote      explanation when it does not match (e.g. branded CNAME)
 * @param daysToExpiry      whole days until the leaf certificate expires (negative when expired)
 * @param notAfter          leaf expiry, ISO-8601
 */
public record TlsFacts(String protocol, String cipher, String subject, String issuer, List<String> names,
                       boolean chainValid, String chainError, String dialledDomain, boolean hostnameMatches,
                       String hostnameNote, long daysToExpiry, String notAfter) {
}
