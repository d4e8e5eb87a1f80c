package io.callready.collector.notify.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.callready.collector.notify.NotificationEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** PagerDuty Events API v2: trigger with a payload, resolve with only routing_key, event_action and dedup_key. */
class PagerDutyChannelTest {
    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());

    @Test
    void triggerHasTheRequiredPayloadFields() throws Exception {
        JsonNode body = render(SampleEvents.firing());
        assertThat(body.path("routing_key").asText()).isEqualTo("R0UT1NGKEY");
        assertThat(body.path("event_action").asText()).isEqualTo("trigger");
        assertThat(body.path("dedup_key").asText()).isEqualTo(SampleEvents.firing().alert().dedupKey());
        JsonNode payload = body.path("payload");
        assertThat(payload.path("summary").asText()).isNotBlank().hasSizeLessThanOrEqualTo(1024);
        assertThat(payload.path("source").asText()).isEqualTo("Acme Dental / Head office");
        assertThat(payload.path("severity").asText()).isIn(List.of("critical", "error", "warning", "info")).isEqualTo("critical");
        assertThat(payload.path("timestamp").asText()).isEqualTo("2026-03-01T10:00:00Z");
        assertThat(payload.path("component").asText()).isEqualTo("reflector.example.net:5004");
        assertThat(payload.path("custom_details").path("Site").asText()).isEqualTo("Head office");
    }

    @Test
    void resolveUsesTheSameDedupKeyAndNoPayload() throws Exception {
        JsonNode trigger = render(SampleEvents.firing());
        JsonNode resolve = render(SampleEvents.resolved());
        assertThat(resolve.path("event_action").asText()).isEqualTo("resolve");
        assertThat(resolve.path("dedup_key")).isEqualTo(trigger.path("dedup_key"));
        assertThat(resolve.has("payload")).isFalse();
    }

    @Test
    void longKeysAreHashedToFitTheLimit() throws Exception {
        String key = "callready:" + "x".repeat(300);
        assertThat(PagerDutyChannel.dedupKey(key)).hasSizeLessThanOrEqualTo(255).isEqualTo(PagerDutyChannel.dedupKey(key));
        JsonNode incident = render(SampleEvents.incident(3));
        assertThat(incident.path("dedup_key").asText()).startsWith("callready:incident:");
        assertThat(incident.path("payload").path("custom_details").path("sites")).hasSize(3);
    }

    private JsonNode render(NotificationEvent event) throws Exception {
        return mapper.readTree(new PagerDutyChannel(mapper).render(SampleEvents.channel(ChannelKind.PAGERDUTY, "R0UT1NGKEY"),
                "msg_1", event, Instant.now()).body());
    }
}
