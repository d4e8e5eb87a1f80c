package io.callready.collector.notify.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The shape a Teams Workflows webhook accepts: a message with one Adaptive Card attachment, under 28 KB. */
class TeamsChannelTest {
    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());

    @Test
    void messageCarriesOneAdaptiveCard() throws Exception {
        JsonNode body = mapper.readTree(render(SampleEvents.firing()));
        assertThat(body.path("type").asText()).isEqualTo("message");
        assertThat(body.path("attachments")).hasSize(1);
        JsonNode attachment = body.path("attachments").get(0);
        assertThat(attachment.path("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        assertThat(attachment.has("contentUrl")).isTrue();
        JsonNode card = attachment.path("content");
        assertThat(card.path("type").asText()).isEqualTo("AdaptiveCard");
        assertThat(card.path("version").asText()).isEqualTo("1.4");
        assertThat(card.path("$schema").asText()).isEqualTo("http://adaptivecards.io/schemas/adaptive-card.json");
        assertThat(card.path("body").get(0).path("type").asText()).isEqualTo("TextBlock");
        assertThat(card.path("body").get(0).path("color").asText()).isEqualTo("Attention");
        JsonNode facts = card.path("body").get(1);
        assertThat(facts.path("type").asText()).isEqualTo("FactSet");
        facts.path("facts").forEach(f -> assertThat(f.has("title") && f.has("value")).isTrue());
    }

    @Test
    void resolvedIsGreenAndIncidentsStayUnder28Kilobytes() throws Exception {
        JsonNode resolved = mapper.readTree(render(SampleEvents.resolved()));
        assertThat(resolved.at("/attachments/0/content/body/0/color").asText()).isEqualTo("Good");
        assertThat(render(SampleEvents.incident(2000)).length).isLessThan(28 * 1024);
    }

    private byte[] render(io.callready.collector.notify.NotificationEvent event) {
        return new TeamsChannel(mapper).render(SampleEvents.channel(ChannelKind.TEAMS, null), "msg_1", event, Instant.now()).body();
    }
}
