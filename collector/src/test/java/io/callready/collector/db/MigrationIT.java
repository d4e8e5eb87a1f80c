package io.callready.collector.db;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The migrations on plain PostgreSQL (no TimescaleDB): all applied, the hypertable step a harmless no-op. */
@QuarkusTest
class MigrationIT {
    @Inject
    AgroalDataSource db;
    @Inject
    Flyway flyway;

    @Test
    void everyMigrationAppliedAndNothingPending() throws Exception {
        var info = flyway.info();
        assertThat(info.pending()).isEmpty();
        assertThat(info.applied()).extracting(m -> m.getVersion().getVersion()).containsExactlyElementsOf(migrationFileVersions());
        assertThat(info.applied()).allSatisfy(m -> assertThat(m.getState().isFailed()).isFalse());
        assertThat(flyway.migrate().migrationsExecuted).isZero();
    }

    @Test
    void withoutTimescaleResultsIsAnOrdinaryTable() throws Exception {
        assertThat(query("SELECT extname FROM pg_extension WHERE extname = 'timescaledb'")).isEmpty();
        assertThat(query("SELECT relkind::text FROM pg_class WHERE relname = 'results' AND relnamespace = 'public'::regnamespace")).containsExactly("r");
        assertThat(query("SELECT count(*)::text FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhparent WHERE c.oid = 'public.results'::regclass"))
                .containsExactly("0");
    }

    @Test
    void resultsKeyIncludesTheTimeColumnAndQueriesHaveIndexes() throws Exception {
        assertThat(query("""
                SELECT a.attname FROM pg_index i
                JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
                WHERE i.indrelid = 'results'::regclass AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)"""))
                .containsExactly("result_id", "started_at");
        assertThat(query("SELECT indexname FROM pg_indexes WHERE tablename = 'results' ORDER BY indexname"))
                .contains("results_customer_time_idx", "results_site_time_idx");
        assertThat(query("SELECT data_type FROM information_schema.columns WHERE table_name = 'results' AND column_name IN ('metrics','labels','details')"))
                .containsOnly("jsonb");
    }

    /** Every index costs each ingested row (issue 15): no table may carry two with the same definition. */
    @Test
    void noTableHasTwoIdenticalIndexes() throws Exception {
        assertThat(query("""
                SELECT i.indrelid::regclass || ': ' || string_agg(i.indexrelid::regclass::text, ', ')
                FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
                WHERE t.relnamespace = 'public'::regnamespace
                GROUP BY i.indrelid, i.indkey::text, i.indclass::text, coalesce(pg_get_expr(i.indexprs, i.indrelid), ''),
                         coalesce(pg_get_expr(i.indpred, i.indrelid), ''), i.indisunique
                HAVING count(*) > 1""")).isEmpty();
    }

    /** Versions of the V*__*.sql files, in numeric order: every file shipped must have been applied. */
    private static List<String> migrationFileVersions() throws java.io.IOException {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("src/main/resources/db/migration"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .map(n -> n.substring(1, n.indexOf("__"))).sorted(java.util.Comparator.comparingInt(Integer::parseInt)).toList();
        }
    }

    private List<String> query(String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = db.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
