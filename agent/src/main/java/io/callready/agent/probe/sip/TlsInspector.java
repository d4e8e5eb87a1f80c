package io.callready.agent.probe.sip;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Judges a SIP-TLS server's certificate the way a strict SIP client does, but without refusing the connection:
 * the handshake accepts any chain so the OPTIONS can still be sent, and the chain, the RFC 5922 identity and the
 * expiry are then checked and reported separately.
 */
public final class TlsInspector {
    private static final Pattern CN = Pattern.compile("(?i)(?:^|,\\s*)CN=([^,]+)");

    /** Null until the first inspection for the JDK's own trust store (see {@link #systemDefault}). */
    private X509TrustManager trust;
    private final Clock clock;

    public TlsInspector(X509TrustManager trust, Clock clock) {
        this.trust = trust;
        this.clock = clock;
    }

    /**
     * Judges by the JDK's trust store, read at the first inspection: the probe registry makes its probes at start,
     * and parsing the CA store then would keep about 200 classes resident in an agent whose plan has no SIP-TLS
     * target (issue 15).
     */
    public static TlsInspector systemDefault(Clock clock) {
        return new TlsInspector(null, clock);
    }

    private synchronized X509TrustManager trust() {
        if (trust == null) {
            trust = systemTrust();
        }
        return trust;
    }

    private static X509TrustManager systemTrust() {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init((KeyStore) null);
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    return x;
                }
            }
            throw new IllegalStateException("the JDK offers no X509 trust manager");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the JDK trust store: " + e.getMessage(), e);
        }
    }

    /** An SSL context whose handshake records the chain instead of judging it. */
    public static SSLContext acceptingContext() throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[]{new RecordingTrustManager()}, null);
        return context;
    }

    public TlsFacts inspect(SSLSession session, String dialledDomain, String canonicalName) {
        X509Certificate[] chain;
        try {
            Certificate[] peer = session.getPeerCertificates();
            chain = new X509Certificate[peer.length];
            for (int i = 0; i < peer.length; i++) {
                chain[i] = (X509Certificate) peer[i];
            }
        } catch (javax.net.ssl.SSLPeerUnverifiedException | ClassCastException e) {
            return new TlsFacts(session.getProtocol(), session.getCipherSuite(), null, null, List.of(), false,
                    "server sent no X.509 certificate", dialledDomain, false, "no certificate to check", 0, null);
        }
        X509Certificate leaf = chain[0];
        boolean chainValid = true;
        String chainError = null;
        try {
            trust().checkServerTrusted(chain, "UNKNOWN");
        } catch (CertificateException e) {
            chainValid = false;
            chainError = rootCause(e);
        }
        Identities ids = identities(leaf);
        String wanted = dialledDomain.toLowerCase(Locale.ROOT);
        boolean matches = ids.matchable().stream().anyMatch(n -> n.equalsIgnoreCase(ids.uriBased() ? "sip:" + wanted : wanted));
        String note = matches ? null : mismatchNote(ids, wanted, canonicalName);
        Instant notAfter = leaf.getNotAfter().toInstant();
        long days = Math.floorDiv(Duration.between(clock.instant(), notAfter).toSeconds(), 86_400);
        return new TlsFacts(session.getProtocol(), session.getCipherSuite(), leaf.getSubjectX500Principal().getName(),
                leaf.getIssuerX500Principal().getName(), ids.all(), chainValid, chainError, wanted, matches, note, days,
                notAfter.toString());
    }

    private static String mismatchNote(Identities ids, String dialled, String canonicalName) {
        String names = String.join(", ", ids.all());
        StringBuilder note = new StringBuilder("certificate names [").append(names).append("] do not include the dialled SIP domain ")
                .append(dialled).append(" (RFC 5922 matches the SIP domain exactly, not the SRV or CNAME target, and allows no wildcards)");
        if (canonicalName != null && !canonicalName.equalsIgnoreCase(dialled)
                && ids.all().stream().anyMatch(n -> n.equalsIgnoreCase(canonicalName) || n.equalsIgnoreCase("sip:" + canonicalName))) {
            note.append(". The certificate is for ").append(canonicalName).append(", the host ").append(dialled)
                    .append(" points to (branded CNAME to the provider's ingress): strict PBXs and phones will refuse this")
                    .append(" server; dial ").append(canonicalName).append(" for TLS, or have the provider issue a certificate for ")
                    .append(dialled);
        }
        return note.toString();
    }

    /** RFC 5922 §7.1: SAN URIs with scheme sip if any, else DNS SANs, else the subject CN only when there are no SANs. */
    record Identities(List<String> matchable, List<String> all, boolean uriBased) {
    }

    static Identities identities(X509Certificate cert) {
        List<String> uris = new ArrayList<>();
        List<String> dns = new ArrayList<>();
        boolean anySan = false;
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    anySan = true;
                    int type = (Integer) san.get(0);
                    String value = String.valueOf(san.get(1));
                    if (type == 6 && value.toLowerCase(Locale.ROOT).startsWith("sip:")) uris.add(value);
                    if (type == 2) dns.add(value);
                }
            }
        } catch (CertificateParsingException e) {
            anySan = false;
        }
        List<String> all = new ArrayList<>(uris);
        all.addAll(dns);
        if (!uris.isEmpty()) {
            return new Identities(uris, all, true);
        }
        if (!dns.isEmpty() || anySan) {
            return new Identities(dns, all, false);
        }
        Matcher m = CN.matcher(cert.getSubjectX500Principal().getName());
        List<String> cn = m.find() ? List.of(m.group(1).trim()) : List.of();
        return new Identities(cn, cn, false);
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String msg = t.getMessage();
        return msg == null ? t.getClass().getSimpleName() : msg;
    }

    /** Extended, so the JDK does not wrap it with checks of its own. */
    private static final class RecordingTrustManager extends javax.net.ssl.X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, javax.net.ssl.SSLEngine engine) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) {
            // judged later by TlsInspector.inspect
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, javax.net.ssl.SSLEngine engine) {
            // judged later by TlsInspector.inspect
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // judged later by TlsInspector.inspect, so the probe can report instead of failing the handshake
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
