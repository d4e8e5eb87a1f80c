package io.callready.reflector;

/**
 * Totals since start.
 *
 * @param received         datagrams read
 * @param replied          probe replies sent
 * @param statsAnswered    stats requests answered
 * @param malformed        datagrams ignored because they were not probe packets
 * @param sendErrors       replies the OS refused to send
 * @param activeSessions   sessions held now
 * @param sessionsEvicted  sessions dropped for the size cap before they went idle
 */
public record ReflectorCounters(long received, long replied, long statsAnswered, long malformed, long sendErrors,
                                int activeSessions, long sessionsEvicted) {
}
