package io.callready.collector.notify.channel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callready.collector.auth.Tokens;
import io.callready.collector.notify.NotificationEvent;

import java.time.Instant;

/**
 * PagerDuty Events API v2 ({@code POST /v2/enqueue}): trigger while firing (a repeat or severity change
 * re-triggers the same dedup_key, which PagerDuty folds into the open incident) and resolve when resolved.
 * The channel secret is the integration's routing key.
 */
public final class PagerDutyChannel implements ChannelRenderer {
    public static final String DEFAULT_URL = "https://events.pagerduty.com/v2/enqueue";
    static final int MAX_DEDUP_KEY = 255;
    static final int MAX_SUMMARY = 1024;
    private final ObjectMapper mapper;

    public PagerDutyChannel(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public OutgoingMessage render(Channel channel, String messageId, NotificationEvent event, Instant now) {
        ObjectNode body = mapper.createObjectNode();
        body.put("routing_key", channel.secret());
        body.put("event_action", event.isResolution() ? "resolve" : "trigger");
        body.put("dedup_key", dedupKey(event.dedupKey()));
        if (!event.isResolution()) {
            ObjectNode payload = body.putObject("payload");
            payload.put("summary", clip(event.summary()));
            payload.put("source", source(event));
            payload.put("severity", switch (event.severity()) {
                case "critical" -> "critical";
                case "warning" -> "warning";
                default -> "info";
            });
            payload.put("timestamp", event.occurredAt().toString());
            if (event.alert() != null) {
                if (event.alert().target() != null) {
                    payload.put("component", event.alert().target());
                }
                payload.put("group", event.alert().customerName());
                payload.put("class", event.alert().metric());
            } else if (event.incident() != null) {
                payload.put("component", event.incident().target());
                payload.put("class", "cross_site_incident");
            }
            ObjectNode details = payload.putObject("custom_details");
            Facts.of(event).forEach(details::put);
            if (event.incident() != null) {
                details.set("sites", mapper.valueToTree(Facts.siteLines(event)));
            }
        }
        return new OutgoingMessage(Json.CONTENT_TYPE, Json.bytes(mapper, body));
    }

    private static String source(NotificationEvent event) {
        if (event.alert() != null) {
            return event.alert().customerName() + " / " + event.alert().siteName();
        }
        return event.incident() != null ? event.incident().target() : "callready";
    }

    static String dedupKey(String key) {
        return key.length() <= MAX_DEDUP_KEY ? key : "callready:" + Tokens.sha256Hex(key);
    }

    private static String clip(String summary) {
        return summary.length() <= MAX_SUMMARY ? summary : summary.substring(0, MAX_SUMMARY - 1) + "…";
    }
}
