package io.callready.collector.db;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BootSettingsTest {

    private static Properties props(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    @Test
    void defaultsMeanEmbeddedDatabaseInDotDataOnAnyPort() {
        BootSettings s = BootSettings.read(props(), Map.of());
        assertThat(s.jdbcUrl()).isEmpty();
        assertThat(s.dataDir()).isEqualTo(Path.of("data").toAbsolutePath());
        assertThat(s.embeddedDbPort()).isZero();
    }

    @Test
    void environmentVariablesUseTheMicroProfileSpelling() {
        BootSettings s = BootSettings.read(props(), Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://db:5432/x",
                "CALLREADY_DATA_DIR", "/var/lib/callready",
                "CALLREADY_EMBEDDED_DB_PORT", "15432"));
        assertThat(s.jdbcUrl()).contains("jdbc:postgresql://db:5432/x");
        assertThat(s.dataDir()).isEqualTo(Path.of("/var/lib/callready"));
        assertThat(s.embeddedDbPort()).isEqualTo(15432);
    }

    @Test
    void systemPropertiesWinOverEnvironment() {
        BootSettings s = BootSettings.read(props("callready.data-dir", "/a", "quarkus.datasource.jdbc.url", "jdbc:postgresql://p/x"),
                Map.of("CALLREADY_DATA_DIR", "/b", "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://e/x"));
        assertThat(s.dataDir()).isEqualTo(Path.of("/a"));
        assertThat(s.jdbcUrl()).contains("jdbc:postgresql://p/x");
    }

    @Test
    void blankUrlCountsAsUnset() {
        assertThat(BootSettings.read(props("quarkus.datasource.jdbc.url", " "), Map.of()).jdbcUrl()).isEmpty();
    }

    @Test
    void badPortNamesTheKey() {
        assertThatThrownBy(() -> BootSettings.read(props("callready.embedded-db.port", "70000"), Map.of()))
                .hasMessageContaining("callready.embedded-db.port").hasMessageContaining("70000");
        assertThatThrownBy(() -> BootSettings.read(props(), Map.of("CALLREADY_EMBEDDED_DB_PORT", "five")))
                .hasMessageContaining("callready.embedded-db.port");
    }
}
