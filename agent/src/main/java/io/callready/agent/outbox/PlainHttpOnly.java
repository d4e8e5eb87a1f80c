package io.callready.agent.outbox;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import java.security.SecureRandom;

/**
 * The TLS context of the client for an {@code http://} collector, which never opens a TLS connection (redirects are
 * not followed). Without it the JDK's client builds the default context for every client: the JSSE provider,
 * its cipher suites and the CA store parsed, about 500 classes resident in the agent for nothing (issue 15).
 * Any use fails loudly instead of talking TLS with an unchecked peer.
 */
final class PlainHttpOnly extends SSLContext {
    static final PlainHttpOnly CONTEXT = new PlainHttpOnly();

    private PlainHttpOnly() {
        super(new NoTls(), null, "none");
    }

    private static final class NoTls extends SSLContextSpi {
        private static IllegalStateException refused() {
            return new IllegalStateException("the collector is configured as plain http; no TLS connection is made");
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random) {
            throw refused();
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            throw refused();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            throw refused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            throw refused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            throw refused();
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            throw refused();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            throw refused();
        }
    }
}
