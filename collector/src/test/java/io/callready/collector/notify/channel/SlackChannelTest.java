package io.callready.collector.notify.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The incoming-webhook shape Slack documents: top-level text (fallback) and Block Kit blocks. */
class SlackChannelTest {
    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());

    @Test
    void firingMessageHasTextAndSectionAndContextBlocks() throws Exception {
        JsonNode body = render(SampleEvents.firing());
        assertThat(body.path("text").asText()).startsWith("[CRITICAL] Acme Dental / Head office: jitter_ms 42.500 (threshold 30)");
        assertThat(body.path("blocks")).hasSize(2);
        JsonNode section = body.path("blocks").get(0);
        assertThat(section.path("type").asText()).isEqualTo("section");
        assertThat(section.path("text").path("type").asText()).isEqualTo("mrkdwn");
        JsonNode context = body.path("blocks").get(1);
        assertThat(context.path("type").asText()).isEqualTo("context");
        assertThat(context.path("elements").size()).isBetween(1, 10);
        context.path("elements").forEach(e -> assertThat(e.path("type").asText()).isEqualTo("mrkdwn"));
    }

    @Test
    void resolvedSaysSo() throws Exception {
        assertThat(render(SampleEvents.resolved()).path("text").asText()).startsWith("[RESOLVED]");
    }

    @Test
    void largeIncidentsStayWithinSlackLimits() throws Exception {
        JsonNode body = render(SampleEvents.incident(500));
        String section = body.path("blocks").get(0).path("text").path("text").asText();
        assertThat(section.length()).isLessThanOrEqualTo(SlackChannel.MAX_SECTION_CHARS);
        assertThat(section).contains("... and 480 more");
        assertThat(body.path("text").asText()).contains("Incident: 500 sites");
    }

    private JsonNode render(io.callready.collector.notify.NotificationEvent event) throws Exception {
        return mapper.readTree(new SlackChannel(mapper).render(SampleEvents.channel(ChannelKind.SLACK, null), "msg_1", event, Instant.now()).body());
    }
}
