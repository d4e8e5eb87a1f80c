package io.callready.agent.probe.rtpports;

import java.util.Collection;
import java.util.TreeSet;

/** What the NAT does to the source port of media sent from one local port to many destination ports. */
final class SourcePorts {
    static final String PRESERVED = "preserved";
    static final String TRANSLATED = "translated_consistent";
    static final String VARIES = "varies_per_destination";
    static final String UNKNOWN = "unknown";

    private SourcePorts() {
    }

    static String behaviour(int localPort, Collection<Integer> seen) {
        TreeSet<Integer> distinct = new TreeSet<>(seen);
        if (distinct.isEmpty()) return UNKNOWN;
        if (distinct.size() > 1) return VARIES;
        return distinct.first() == localPort ? PRESERVED : TRANSLATED;
    }

    static String describe(String behaviour, int localPort, Collection<Integer> seen) {
        TreeSet<Integer> distinct = new TreeSet<>(seen);
        return switch (behaviour) {
            case PRESERVED -> "media source port " + localPort + " kept through NAT";
            case TRANSLATED -> "media source port " + localPort + " became " + distinct.first() + ", the same for every destination port";
            case VARIES -> "media source port " + localPort + " became " + distinct.size() + " different ports for different destination ports "
                    + "(symmetric NAT for media: the provider must latch on the port it receives from)";
            default -> "media source port behaviour unknown (no port answered)";
        };
    }
}
