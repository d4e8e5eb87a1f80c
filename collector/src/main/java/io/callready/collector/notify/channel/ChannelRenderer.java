package io.callready.collector.notify.channel;

import io.callready.collector.notify.NotificationEvent;

import java.time.Instant;

/** Turns an event into the body a receiver expects. Pure: no I/O, the same input gives the same body. */
public interface ChannelRenderer {
    /**
     * @param messageId stable across retries of this message (webhook-id)
     * @param now       attempt time (webhook-timestamp)
     */
    OutgoingMessage render(Channel channel, String messageId, NotificationEvent event, Instant now);
}
