package io.callready.collector.notify.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookChannelTest {
    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void theStandardWebhooksLibraryVerifiesOurSignature() throws Exception {
        String secret = WebhookSigner.newSecret();
        Instant now = Instant.now();
        OutgoingMessage out = new WebhookChannel(mapper).render(SampleEvents.channel(ChannelKind.WEBHOOK, secret), "msg_abc",
                SampleEvents.firing(), now);
        String body = new String(out.body(), StandardCharsets.UTF_8);

        new Webhook(secret).verify(body, headers(out));

        assertThat(out.headers()).containsEntry("webhook-id", "msg_abc")
                .containsEntry("webhook-timestamp", Long.toString(now.getEpochSecond()));
        var tampered = headers(out);
        assertThatThrownBy(() -> new Webhook(secret).verify(body.replace("42.5", "4.5"), tampered))
                .isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> new Webhook(WebhookSigner.newSecret()).verify(body, tampered))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void signatureMatchesTheSpecFormula() {
        // The spec's own example secret; the value is recomputed independently with javax.crypto in WebhookSigner.
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        String signature = WebhookSigner.sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8));
        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void bodyIsTypeTimestampData() throws Exception {
        OutgoingMessage out = new WebhookChannel(mapper).render(SampleEvents.channel(ChannelKind.WEBHOOK, WebhookSigner.newSecret()),
                "msg_1", SampleEvents.firing(), Instant.now());
        JsonNode body = mapper.readTree(out.body());
        assertThat(body.path("type").asText()).isEqualTo("alert.firing");
        assertThat(body.path("timestamp").asText()).isEqualTo("2026-03-01T10:00:00Z");
        assertThat(body.path("data").path("alert").path("metric").asText()).isEqualTo("jitter_ms");
        assertThat(body.path("data").path("dedup_key").asText()).startsWith("callready:");
        assertThat(body.path("data").path("summary").asText()).contains("[CRITICAL]").contains("Head office");
    }

    @Test
    void secretsAreCheckedForPrefixAndLength() {
        assertThat(WebhookSigner.problem(WebhookSigner.newSecret())).isNull();
        assertThat(Base64.getDecoder().decode(WebhookSigner.newSecret().substring(6))).hasSize(32);
        assertThat(WebhookSigner.problem("abc")).contains("whsec_");
        assertThat(WebhookSigner.problem("whsec_" + Base64.getEncoder().encodeToString(new byte[16]))).contains("at least 24 bytes");
        assertThat(WebhookSigner.problem("whsec_!!!")).contains("base64");
    }

    private static Map<String, List<String>> headers(OutgoingMessage out) {
        return out.headers().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue())));
    }
}
