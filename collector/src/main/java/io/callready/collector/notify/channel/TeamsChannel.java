package io.callready.collector.notify.channel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callready.collector.notify.NotificationEvent;

import java.time.Instant;
import java.util.Map;

/**
 * Microsoft Teams Workflows ("Post to a channel when a webhook request is received"): a message whose one
 * attachment is an Adaptive Card 1.4 with a title, a FactSet and, for incidents, the affected sites.
 */
public final class TeamsChannel implements ChannelRenderer {
    public static final String CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
    private final ObjectMapper mapper;

    public TeamsChannel(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public OutgoingMessage render(Channel channel, String messageId, NotificationEvent event, Instant now) {
        ObjectNode body = mapper.createObjectNode();
        body.put("type", "message");
        ObjectNode attachment = body.putArray("attachments").addObject();
        attachment.put("contentType", CARD_CONTENT_TYPE);
        attachment.putNull("contentUrl");
        ObjectNode card = attachment.putObject("content");
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        ArrayNode cardBody = card.putArray("body");
        cardBody.addObject().put("type", "TextBlock").put("text", event.summary()).put("weight", "Bolder")
                .put("size", "Medium").put("wrap", true)
                .put("color", event.isResolution() ? "Good" : "critical".equals(event.severity()) ? "Attention" : "Warning");
        ArrayNode facts = cardBody.addObject().put("type", "FactSet").putArray("facts");
        for (Map.Entry<String, String> fact : Facts.of(event).entrySet()) {
            facts.addObject().put("title", fact.getKey()).put("value", fact.getValue());
        }
        for (String line : Facts.siteLines(event)) {
            cardBody.addObject().put("type", "TextBlock").put("text", "- " + line).put("wrap", true).put("spacing", "None");
        }
        return new OutgoingMessage(Json.CONTENT_TYPE, Json.bytes(mapper, body));
    }
}
