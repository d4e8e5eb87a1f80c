package io.callready.collector.notify.channel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callready.collector.notify.NotificationEvent;

import java.time.Instant;
import java.util.Map;

/** Slack incoming webhook: {@code text} (notification fallback) plus Block Kit section and context blocks. */
public final class SlackChannel implements ChannelRenderer {
    /** Slack refuses section text over 3000 characters. */
    static final int MAX_SECTION_CHARS = 3000;
    private final ObjectMapper mapper;

    public SlackChannel(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public OutgoingMessage render(Channel channel, String messageId, NotificationEvent event, Instant now) {
        ObjectNode body = mapper.createObjectNode();
        body.put("text", event.summary());
        ArrayNode blocks = body.putArray("blocks");
        StringBuilder section = new StringBuilder("*").append(event.summary()).append("*");
        for (String line : Facts.siteLines(event)) {
            section.append("\n• ").append(line);
        }
        ObjectNode sectionBlock = blocks.addObject().put("type", "section");
        sectionBlock.putObject("text").put("type", "mrkdwn").put("text", clip(section.toString()));
        ObjectNode context = blocks.addObject().put("type", "context");
        ArrayNode elements = context.putArray("elements");
        for (Map.Entry<String, String> fact : Facts.of(event).entrySet()) {
            if (elements.size() < 10) {
                elements.addObject().put("type", "mrkdwn").put("text", "*" + fact.getKey() + ":* " + fact.getValue());
            }
        }
        return new OutgoingMessage(Json.CONTENT_TYPE, Json.bytes(mapper, body));
    }

    private static String clip(String text) {
        return text.length() <= MAX_SECTION_CHARS ? text : text.substring(0, MAX_SECTION_CHARS - 1) + "…";
    }
}
