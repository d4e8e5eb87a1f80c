package io.callready.collector.jobs;

import io.micrometer.core.instrument.MeterRegistry;

/** A {@link JobHealth} outside CDI, for running a job's own code in a test without booting the collector. */
public final class StandaloneJobHealth {
    public static JobHealth create(MeterRegistry registry) {
        JobHealth health = new JobHealth();
        health.registry = registry;
        health.failuresBeforeDown = 3;
        return health;
    }

    private StandaloneJobHealth() {
    }
}
