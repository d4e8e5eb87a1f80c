package io.callready.collector.db;

import io.callready.collector.support.ThrowAwayPostgres;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database that an earlier release migrated upgrades to this release's schema. Migrations of the V1xx series were
 * added after V200/V201 had shipped, so an upgraded database meets versions below its newest applied one: the
 * collector must apply them (Flyway out-of-order, as configured) and end with exactly the schema of a fresh install.
 */
class MigrationUpgradeIT {
    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");

    @TempDir
    Path dir;

    /** Each value is the set of migration versions a released collector shipped. */
    @ParameterizedTest
    @ValueSource(strings = {"1,2,3,100,101,102,103,200,201", "1,2,3,100,101,102,103,104,105,200,201"})
    void anEarlierReleasesDatabaseUpgradesToTheFreshSchema(String releasedVersions) throws Exception {
        Set<String> released = Arrays.stream(releasedVersions.split(",")).collect(Collectors.toSet());
        Path old = Files.createDirectories(dir.resolve("released"));
        try (var files = Files.list(MIGRATIONS)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.matches("V\\d+__.*\\.sql") && released.contains(name.substring(1, name.indexOf("__")))) {
                    Files.copy(f, old.resolve(name));
                }
            }
        }
        try (ThrowAwayPostgres upgraded = ThrowAwayPostgres.start(dir.resolve("upgraded"));
             ThrowAwayPostgres fresh = ThrowAwayPostgres.start(dir.resolve("fresh"))) {
            assertThat(flyway(upgraded, "filesystem:" + old).migrate().migrationsExecuted).isEqualTo(released.size());

            Flyway current = flyway(upgraded, "filesystem:" + MIGRATIONS.toAbsolutePath());
            current.migrate();
            assertThat(current.info().pending()).isEmpty();
            assertThat(current.info().applied()).extracting(MigrationInfo::getState)
                    .allSatisfy(state -> assertThat(state.isFailed()).isFalse());

            flyway(fresh, "filesystem:" + MIGRATIONS.toAbsolutePath()).migrate();
            assertThat(schema(upgraded)).isEqualTo(schema(fresh));
        }
    }

    /** Configured as the collector configures Quarkus' Flyway. */
    private static Flyway flyway(ThrowAwayPostgres db, String location) throws IOException {
        return Flyway.configure().dataSource(db.jdbcUrl(), db.username(), "").locations(location)
                .outOfOrder(Boolean.parseBoolean(collectorSetting("quarkus.flyway.out-of-order"))).load();
    }

    private static String collectorSetting(String key) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            p.load(in);
        }
        return p.getProperty(key, "false");
    }

    /** Every column of every relation in the public schema with its type, nullability and default, plus indexes. */
    private static List<String> schema(ThrowAwayPostgres db) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), "")) {
            collect(c, """
                    SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '')
                    FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT LIKE 'flyway%'
                    ORDER BY table_name, column_name""", rows);
            collect(c, "SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename NOT LIKE 'flyway%' ORDER BY indexdef", rows);
            collect(c, """
                    SELECT conrelid::regclass || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
                    WHERE connamespace = 'public'::regnamespace ORDER BY 1""", rows);
        }
        return rows;
    }

    private static void collect(Connection c, String sql, List<String> into) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                into.add(rs.getString(1));
            }
        }
    }
}
