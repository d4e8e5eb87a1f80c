package io.callready.collector.storage;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.callready.collector.jobs.StandaloneJobHealth;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.sql.SQLException;
import java.time.OffsetDateTime;

/** Plain PostgreSQL: the collector's own {@link RollupJob} run once over a database, outside CDI. */
public final class StandaloneRollups {
    /**
     * Recomputes every bucket of every result received since 2000 and returns the rows upserted; fails when the job
     * had to leave out a row or a site (it would have been logged and counted, not thrown).
     */
    public static int recomputeAll(String jdbcUrl, String username) throws SQLException {
        AgroalDataSourceConfigurationSupplier config = new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool.maxSize(1)
                        .connectionFactoryConfiguration(factory -> factory.jdbcUrl(jdbcUrl).principal(new NamePrincipal(username))));
        try (AgroalDataSource dataSource = AgroalDataSource.from(config)) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            RollupJob job = new RollupJob();
            job.dataSource = dataSource;
            job.health = StandaloneJobHealth.create(registry);
            int rows = job.recompute(OffsetDateTime.parse("2000-01-01T00:00:00Z"));
            Counter isolated = registry.find("callready.jobs.isolated").counter();
            if (isolated != null && isolated.count() > 0) {
                throw new IllegalStateException("the rollup job left out " + (long) isolated.count() + " rows or sites");
            }
            return rows;
        }
    }

    private StandaloneRollups() {
    }
}
