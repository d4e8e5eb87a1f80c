package io.callready.collector.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

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
}
