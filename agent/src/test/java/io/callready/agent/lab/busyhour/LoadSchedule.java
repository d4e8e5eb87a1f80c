package io.callready.agent.lab.busyhour;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Load switched on and off on a compressed schedule: each phase is one iperf3 client run from the site to the
 * provider (cubic TCP, or UDP at a fixed rate), or quiet. Seconds count from the schedule's start.
 */
record LoadSchedule(List<Phase> phases) {

    /** @param udpBps the UDP payload rate; 0 with {@code cubic} false is a quiet phase */
    record Phase(int fromSeconds, int toSeconds, boolean cubic, long udpBps) {
        static Phase quiet(int from, int to) {
            return new Phase(from, to, false, 0);
        }

        static Phase cubic(int from, int to) {
            return new Phase(from, to, true, 0);
        }

        static Phase udp(int from, int to, long bps) {
            return new Phase(from, to, false, bps);
        }

        boolean loaded() {
            return cubic || udpBps > 0;
        }

        List<String> iperf3Options() {
            List<String> o = new ArrayList<>(List.of("-t", String.valueOf(toSeconds - fromSeconds)));
            // namespaces inherit BBR, which builds little queue; a site's PCs run cubic
            o.addAll(cubic ? List.of("-C", "cubic") : List.of("-u", "-b", String.valueOf(udpBps), "-l", "1400"));
            return o;
        }
    }

    /** What one loaded phase did: iperf3's report. */
    record Ran(Phase phase, JsonNode report) {
    }

    int seconds() {
        return phases.getLast().toSeconds();
    }

    /** Runs the schedule from {@code start} (waits for it), phase by phase; bounded by each phase's length. */
    List<Ran> run(BusyHourLab lab, Instant start) throws IOException, InterruptedException {
        List<Ran> ran = new ArrayList<>();
        for (Phase p : phases) {
            Instant from = start.plusSeconds(p.fromSeconds());
            long waitMs = Duration.between(Instant.now(), from).toMillis();
            if (waitMs > 0) {
                Thread.sleep(waitMs);
            }
            if (!p.loaded()) {
                continue;
            }
            ran.add(new Ran(p, lab.iperf3(p.iperf3Options(), Duration.ofSeconds(p.toSeconds() - p.fromSeconds() + 20L))));
        }
        return ran;
    }
}
