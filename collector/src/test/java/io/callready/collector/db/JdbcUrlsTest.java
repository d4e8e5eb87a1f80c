package io.callready.collector.db;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JdbcUrlsTest {
    @Test
    void hidesPasswordsButKeepsWhereTheDatabaseIs() {
        assertThat(JdbcUrls.redact("jdbc:postgresql://db:5432/callready?user=cr&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/callready?user=cr&password=***&ssl=true");
        assertThat(JdbcUrls.redact("jdbc:postgresql://cr:s3cret@db/callready")).isEqualTo("jdbc:postgresql://cr:***@db/callready");
        assertThat(JdbcUrls.redact("jdbc:postgresql://127.0.0.1:5432/callready")).isEqualTo("jdbc:postgresql://127.0.0.1:5432/callready");
    }
}
