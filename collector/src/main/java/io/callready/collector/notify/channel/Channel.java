package io.callready.collector.notify.channel;

import java.util.UUID;

/** A receiver: where to POST and, for webhook and PagerDuty, the secret it needs. */
public record Channel(UUID id, String name, ChannelKind kind, String url, String secret) {
}
