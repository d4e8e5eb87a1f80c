package io.callready.collector.support;

import io.callready.collector.storage.RollupJob;

/** Runs the rollup job over everything stored so far, as its next scheduled run would. */
public final class RollupRuns {
    private RollupRuns() {
    }

    /** Waits out the job's start-race margin (a page ends that far before now), then runs it; returns rows written. */
    public static int overAllStored(RollupJob rollups) {
        try {
            Thread.sleep(RollupJob.START_RACE_MARGIN.plusMillis(200).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the rollup margin", e);
        }
        return rollups.refresh();
    }
}
