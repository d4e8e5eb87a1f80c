package io.callready.collector.notify.channel;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/** The receiver types; each knows how to render a message. */
public enum ChannelKind {
    WEBHOOK(WebhookChannel::new),
    SLACK(SlackChannel::new),
    TEAMS(TeamsChannel::new),
    PAGERDUTY(PagerDutyChannel::new);

    private final Function<ObjectMapper, ChannelRenderer> renderer;

    ChannelKind(Function<ObjectMapper, ChannelRenderer> renderer) {
        this.renderer = renderer;
    }

    public ChannelRenderer renderer(ObjectMapper mapper) {
        return renderer.apply(mapper);
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ChannelKind> fromWire(String text) {
        return Arrays.stream(values()).filter(k -> k.wireName().equals(text)).findFirst();
    }
}
