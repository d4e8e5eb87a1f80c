package io.callready.agent.probe.sipalg;

/**
 * One difference between what the agent sent and what the reflector received.
 *
 * @param where    header name (e.g. {@code Via}) or SDP line type (e.g. {@code sdp c=})
 * @param sent     the value as sent, or null when the line was added on the way
 * @param arrived  the value as it arrived, or null when it was removed
 * @param portOnly true when only a port number changed, not an address
 */
public record Rewrite(String where, String sent, String arrived, boolean portOnly) {
}
