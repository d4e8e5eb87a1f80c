package io.callready.collector.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.Optional;

/**
 * Every {@code callready.*} setting with its default. The constants are also read before Quarkus boots
 * (see {@link io.callready.collector.db.BootSettings}), so the defaults live only here.
 */
@ConfigMapping(prefix = "callready")
public interface CollectorConfig {
    String DEFAULT_DATA_DIR = "./data";
    String DEFAULT_EMBEDDED_DB_PORT = "0";

    /** Holds the embedded database and the generated admin token. */
    @WithDefault(DEFAULT_DATA_DIR)
    String dataDir();

    EmbeddedDb embeddedDb();

    Admin admin();

    Ingest ingest();

    Reflector reflector();

    Enrollment enrollment();

    Retention retention();

    Rollup rollup();

    QosAdvice qosAdvice();

    Grafana grafana();

    interface EmbeddedDb {
        /** 0 picks a free port. */
        @WithDefault(DEFAULT_EMBEDDED_DB_PORT)
        int port();
    }

    interface Admin {
        /** Bearer token for the admin API; generated into the data dir when absent. */
        Optional<String> token();
    }

    interface Ingest {
        /** How far an agent clock may run ahead before its results are refused. */
        @WithDefault("5M")
        Duration maxFutureSkew();

        /** How far in the past a result's startedAt may lie; older results are refused (the agent quarantines them). */
        @WithDefault("7D")
        Duration maxAge();

        /** Batches written at the same time; more get 503 with Retry-After. */
        @WithDefault("16")
        int maxConcurrent();

        RateLimit rateLimit();

        WhileBehind whileBehind();
    }

    /** Backpressure while the alert evaluation lags more than half its lag bound ({@code ingest.BehindGate}). */
    interface WhileBehind {
        /** Batches written at the same time while the evaluation is behind; the others wait their turn. */
        @WithDefault("1")
        int maxConcurrent();

        /** How long a batch waits for its turn before it is answered 503 with Retry-After. */
        @WithDefault("10S")
        Duration maxWait();
    }

    interface RateLimit {
        /** Sustained ingest requests per second per agent. */
        @WithDefault("5")
        double requestsPerSecond();

        /** Requests an agent may send at once before the rate applies. */
        @WithDefault("60")
        int burst();
    }

    interface Reflector {
        @WithDefault("false")
        boolean enabled();

        @WithDefault("0.0.0.0")
        String bind();

        @WithDefault("5004")
        int port();
    }

    interface Enrollment {
        /** How long a new enrollment code stays usable unless the request says otherwise. */
        @WithDefault("24H")
        Duration codeTtl();
    }

    interface Retention {
        /** How long raw results are kept. */
        @WithDefault("30D")
        Duration raw();

        /** How long results_5m rows are kept. */
        @WithName("rollup-5m")
        @WithDefault("90D")
        Duration rollup5m();

        /** How long results_1h rows are kept. */
        @WithName("rollup-1h")
        @WithDefault("395D")
        Duration rollup1h();

        /** Plain PostgreSQL: how often old rows are deleted; "off" disables (the default lives in RetentionJob's annotation). */
        @WithDefault("1h")
        String checkInterval();
    }

    interface Rollup {
        /** Plain PostgreSQL: how often the rollup tables are brought up to date; "off" disables. */
        @WithDefault("60s")
        String interval();

        /**
         * Plain PostgreSQL: how far behind now a rollup page ends at least, so a transaction that has just begun is
         * already seen open (the start of a transaction and its entry in pg_stat_activity are not one step).
         */
        @WithDefault("1S")
        Duration startMargin();

        /** Plain PostgreSQL: how far back the rollup watermark starts on a database that has none yet. */
        @WithDefault("2H")
        Duration lookback();
    }

    /**
     * The scheduled QoS assessment of every site (issue 11). An analysis setting left unset keeps the advice module's
     * default ({@code AdviceSettings.defaults()}), so those defaults live in one place.
     */
    interface QosAdvice {
        /** How often sites with new results are assessed; "off" disables. */
        @WithDefault("15m")
        String interval();

        /** Days of wan_traffic and rtp_burst results an assessment reads. */
        Optional<Integer> days();

        /** Busy-hour bucket; must divide a day. */
        Optional<Duration> bucket();

        /** Busy-hour window; a multiple of the bucket. */
        Optional<Duration> window();

        /** Quality samples needed before any verdict. */
        Optional<Integer> minSamples();

        /** Loaded quality samples needed for a load verdict. */
        Optional<Integer> minLoadedSamples();

        /** Results read per site at most (the newest), so one assessment's memory is bounded. */
        @WithDefault("50000")
        int maxResultsPerSite();
    }

    interface Grafana {
        /** Password of the fleet-wide read-only role callready_fleet_reader; unset: the collector manages no such role. */
        Optional<String> fleetReaderPassword();
    }
}
