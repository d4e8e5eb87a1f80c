package io.callready.collector.notify;

import io.callready.collector.notify.channel.Channel;

import java.time.Instant;

/** An outbox row claimed for one delivery attempt, with its channel as it was when claimed. */
record ClaimedMessage(long id, String messageId, String event, int attempts, Instant giveUpAt, Channel channel,
                      boolean enabled) {
    /** How the job-health log names this row. */
    String rowIds() {
        return "message_id=" + messageId + ", channel_id=" + channel.id();
    }
}
