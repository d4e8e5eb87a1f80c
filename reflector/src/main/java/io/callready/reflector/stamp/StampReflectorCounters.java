package io.callready.reflector.stamp;

/**
 * Totals since start.
 *
 * @param received  datagrams read
 * @param replied   test packets reflected
 * @param malformed datagrams too short to be a STAMP or TWAMP-light test packet
 * @param sendErrors replies the OS refused to send
 */
public record StampReflectorCounters(long received, long replied, long malformed, long sendErrors) {
}
