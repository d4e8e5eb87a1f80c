package io.callready.collector.db;

import io.callready.collector.config.CollectorConfig;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The few settings needed before Quarkus boots, read the way MicroProfile Config would read them:
 * system property first, then the environment variable, then the default from {@link CollectorConfig}.
 */
public record BootSettings(Optional<String> jdbcUrl, Path dataDir, int embeddedDbPort) {

    public static final String JDBC_URL_KEY = "quarkus.datasource.jdbc.url";
    public static final String DATA_DIR_KEY = "callready.data-dir";
    public static final String EMBEDDED_DB_PORT_KEY = "callready.embedded-db.port";

    public static BootSettings read(Properties systemProperties, Map<String, String> environment) {
        Optional<String> url = lookup(JDBC_URL_KEY, systemProperties, environment);
        Path dataDir = Path.of(lookup(DATA_DIR_KEY, systemProperties, environment).orElse(CollectorConfig.DEFAULT_DATA_DIR))
                .toAbsolutePath().normalize();
        String portText = lookup(EMBEDDED_DB_PORT_KEY, systemProperties, environment).orElse(CollectorConfig.DEFAULT_EMBEDDED_DB_PORT);
        return new BootSettings(url, dataDir, parsePort(portText));
    }

    /** {@code callready.data-dir} is looked up as {@code CALLREADY_DATA_DIR} in the environment. */
    static String envName(String key) {
        return key.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    private static Optional<String> lookup(String key, Properties systemProperties, Map<String, String> environment) {
        String value = systemProperties.getProperty(key);
        if (value == null || value.isBlank()) {
            value = environment.get(envName(key));
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(EMBEDDED_DB_PORT_KEY + " must be a port number 0..65535 (0 = any free port), got '" + text + "'");
    }
}
