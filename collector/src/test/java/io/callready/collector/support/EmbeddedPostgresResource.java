package io.callready.collector.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One throw-away embedded PostgreSQL 16 for the whole @QuarkusTest run (see {@link GlobalTestResources}). Its data is
 * deleted afterwards, so it runs without fsync ({@link ThrowAwayPostgres}); EmbeddedDatabaseIT proves the collector's
 * own embedded server is durable.
 */
public class EmbeddedPostgresResource implements QuarkusTestResourceLifecycleManager {
    private ThrowAwayPostgres db;
    private Path dir;

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("callready-test-pg");
            db = ThrowAwayPostgres.start(dir.resolve("postgres"));
        } catch (Exception e) {
            throw new IllegalStateException("cannot start embedded PostgreSQL for tests", e);
        }
        return Map.of(
                "quarkus.datasource.jdbc.url", db.jdbcUrl(),
                "quarkus.datasource.username", db.username());
    }

    @Override
    public void stop() {
        try {
            if (db != null) {
                db.close();
            }
            if (dir != null) {
                deleteTree(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
