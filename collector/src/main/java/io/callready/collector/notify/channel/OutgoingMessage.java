package io.callready.collector.notify.channel;

import java.util.Map;

/** The headers (besides Host, Content-Length, Connection) and body of one POST. */
public record OutgoingMessage(Map<String, String> headers, byte[] body) {
}
