package io.callready.collector.support;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class PayloadsTest {
    @Test
    void expandsRepeatsAndGivesEachCopyItsOwnId() {
        UUID agent = UUID.randomUUID();
        String out = Payloads.render("[{{repeat:3:{\"id\":\"{{uuid}}\"},}}] {{agentId}} {{startedAt}}", agent,
                Instant.parse("2026-01-01T00:01:00Z"));
        assertThat(out).contains(agent.toString()).contains("2026-01-01T00:00:00Z");
        var ids = java.util.regex.Pattern.compile("\"id\":\"([0-9a-f-]{36})\"").matcher(out).results().map(m -> m.group(1)).toList();
        assertThat(ids).hasSize(3).doesNotHaveDuplicates();
        assertThat(out).doesNotContain("{{");
    }
}
