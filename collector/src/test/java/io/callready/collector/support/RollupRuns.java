package io.callready.collector.support;

import io.callready.collector.storage.RollupJob;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;

/** Runs the rollup job over everything stored so far, as its next scheduled run would. */
public final class RollupRuns {
    private RollupRuns() {
    }

    /** Waits out the job's start margin (a page ends that far before now), then runs it; returns rows written. */
    public static int overAllStored(RollupJob rollups) {
        waitOutStartMargin();
        return rollups.refresh();
    }

    public static void waitOutStartMargin() {
        Duration margin = ConfigProvider.getConfig().getValue("callready.rollup.start-margin", Duration.class);
        try {
            Thread.sleep(margin.plusMillis(100).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the rollup margin", e);
        }
    }
}
