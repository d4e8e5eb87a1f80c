package io.callready.collector.grafana;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A collector started with callready.grafana.fleet-reader-password (set in the test profile, as the Helm chart sets
 * it) has created the fleet reader after its migrations: a login role that may read the dashboards' relations and
 * not the staff tokens. What the role can and cannot do when logged in: dashboard.FleetReaderIT.
 */
@QuarkusTest
class FleetReaderStartupIT {
    @Inject
    AgroalDataSource db;

    @Test
    void startCreatedTheRoleWithTheDashboardGrants() throws Exception {
        try (Connection c = db.getConnection(); ResultSet rs = c.createStatement().executeQuery("""
                SELECT r.rolcanlogin, r.rolsuper,
                       has_table_privilege(r.oid, 'public.results', 'SELECT'),
                       has_table_privilege(r.oid, 'public.results_1h', 'SELECT'),
                       has_table_privilege(r.oid, 'public.staff_tokens', 'SELECT'),
                       has_table_privilege(r.oid, 'public.results', 'INSERT')
                FROM pg_roles r WHERE r.rolname = '%s'""".formatted(FleetReader.ROLE))) {
            assertThat(rs.next()).as("role " + FleetReader.ROLE + " exists").isTrue();
            assertThat(rs.getBoolean(1)).isTrue();
            assertThat(rs.getBoolean(2)).isFalse();
            assertThat(rs.getBoolean(3)).isTrue();
            assertThat(rs.getBoolean(4)).isTrue();
            assertThat(rs.getBoolean(5)).isFalse();
            assertThat(rs.getBoolean(6)).isFalse();
        }
    }
}
