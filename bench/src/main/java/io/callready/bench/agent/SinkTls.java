package io.callready.bench.agent;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code --https}: the sink serves TLS with a fresh self-signed certificate for 127.0.0.1, and the agent trusts a
 * copy of its runtime's own CA store with that certificate added, so it parses as many CAs as at a site whose
 * collector has a public certificate. The copy has the runtime store's format (certificates unencrypted, no integrity
 * MAC) and the agent reads it without a password, as it reads {@code lib/security/cacerts} at a site: a store read
 * with a password is checked with PBKDF2 and an HMAC first, about 50 classes and start-up CPU a site does not spend.
 */
record SinkTls(SSLContext serverContext, List<String> agentFlags) {
    private static final String PASSWORD = "bench-only";
    /** keytool JVM options that write a PKCS12 store as the JDK's cacerts is written: plain certificates, no MAC. */
    private static final List<String> RUNTIME_STORE_FORMAT = List.of(
            "-J-Dkeystore.pkcs12.certProtectionAlgorithm=NONE", "-J-Dkeystore.pkcs12.macAlgorithm=NONE");

    static SinkTls create(Path work, Path agentJava) throws IOException, GeneralSecurityException, InterruptedException {
        Path keys = work.resolve("sink-keys.p12");
        Path cert = work.resolve("sink.cer");
        Path trust = work.resolve("agent-trust.p12");
        Path cacerts = agentJava.getParent().getParent().resolve("lib/security/cacerts");
        keytool("-genkeypair", "-alias", "sink", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "san=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keys.toString(),
                "-storepass", PASSWORD);
        keytool("-exportcert", "-alias", "sink", "-keystore", keys.toString(), "-storepass", PASSWORD, "-file", cert.toString());
        keytool(RUNTIME_STORE_FORMAT, "-importkeystore", "-noprompt", "-srckeystore", cacerts.toString(), "-srcstorepass", "changeit",
                "-destkeystore", trust.toString(), "-deststoretype", "PKCS12", "-deststorepass", PASSWORD);
        keytool(RUNTIME_STORE_FORMAT, "-importcert", "-noprompt", "-alias", "bench-sink", "-file", cert.toString(), "-keystore", trust.toString(),
                "-storepass", PASSWORD);
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keys)) {
            store.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, PASSWORD.toCharArray());
        SSLContext server = SSLContext.getInstance("TLS");
        server.init(kmf.getKeyManagers(), null, null);
        return new SinkTls(server, List.of("-Djavax.net.ssl.trustStore=" + trust));
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        keytool(List.of(), args);
    }

    private static void keytool(List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool " + args[0] + " failed: " + out.strip());
        }
    }
}
