package io.callready.agent.probe.sip;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;

/** Self-signed server certificates made with the JDK's own keytool (no extra libraries). */
public final class TestCertificates {
    public static final char[] PASSWORD = "changeit".toCharArray();

    private TestCertificates() {
    }

    /** @param san keytool SAN extension value, e.g. {@code dns:ingress.lab.test} */
    public static Path generate(Path dir, String cn, String san) throws IOException, InterruptedException {
        return generate(dir, cn, san, 90);
    }

    public static Path generate(Path dir, String cn, String san, int validityDays) throws IOException, InterruptedException {
        Path store = dir.resolve(cn + ".p12");
        Files.deleteIfExists(store);
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(List.of(keytool, "-genkeypair", "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD), "-alias", "server", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=" + cn, "-validity", Integer.toString(validityDays), "-ext", "SAN=" + san))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("keytool failed: " + out);
        }
        return store;
    }

    public static KeyStore load(Path store) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, PASSWORD);
        }
        return ks;
    }

    public static SSLContext serverContext(Path store) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(load(store), PASSWORD);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    /** Trusts exactly the certificate in {@code store}, as a provider's CA would be trusted. */
    public static X509TrustManager trusting(Path store) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", load(store).getCertificate("server"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        return (X509TrustManager) tmf.getTrustManagers()[0];
    }
}
