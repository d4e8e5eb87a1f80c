package io.callready.collector.notify.channel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callready.collector.notify.NotificationEvent;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Generic JSON per Standard Webhooks: body {@code {"type", "timestamp", "data"}}, headers webhook-id (the same on
 * every retry), webhook-timestamp (this attempt, Unix seconds) and webhook-signature.
 */
public final class WebhookChannel implements ChannelRenderer {
    private final ObjectMapper mapper;

    public WebhookChannel(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public OutgoingMessage render(Channel channel, String messageId, NotificationEvent event, Instant now) {
        ObjectNode body = mapper.createObjectNode();
        body.put("type", event.type());
        body.put("timestamp", event.occurredAt().toString());
        ObjectNode data = mapper.valueToTree(event);
        data.remove("type");
        data.put("summary", event.summary());
        data.put("dedup_key", event.dedupKey());
        body.set("data", data);
        byte[] bytes = Json.bytes(mapper, body);
        long timestamp = now.getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>(Json.CONTENT_TYPE);
        headers.put("webhook-id", messageId);
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", WebhookSigner.sign(channel.secret(), messageId, timestamp, bytes));
        return new OutgoingMessage(headers, bytes);
    }
}
