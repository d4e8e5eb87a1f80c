package io.callready.agent.groundtruth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the probe should report, worked out from the relay's record of when each packet reached it and when each
 * copy left (kernel stamps, see {@link ImpairmentRelay}), with the test's own arithmetic (RFC 3550 jitter, median,
 * fixed jitter buffer, {@link LossPattern}). A direction's transit for a packet is its first copy's departure − its
 * arrival at the relay: the delay really applied. RTT is the upstream transit of the copy the reflector answered
 * plus the downstream transit of the first copy of that reply; the four loopback hops (agent ↔ relay ↔ reflector,
 * both ways, kernel stamp to kernel stamp) are outside it and the reflector's own time is outside both.
 */
final class Expectation {
    private static final double NS_PER_MS = 1e6;

    int sent;
    int upDrops;
    int upDuplicates;
    int upReordered;
    int repliesSent;
    int downDrops;
    int downDuplicates;
    int downReordered;
    double jitterUpMs;
    double jitterDownMs;
    double rttMedianMs;
    int discardsUp;
    int discardsDown;
    LossPattern upPattern;
    LossPattern downPattern;

    /** One copy of a request reaching the reflector: which packet, and its reply index there. */
    private record UpCopy(int packet, long releaseNanos, double appliedMs) {
    }

    static Expectation from(int sent, List<ImpairmentRelay.Record> up, List<ImpairmentRelay.Record> down, double bufferMs) {
        Expectation e = new Expectation();
        e.sent = sent;
        List<UpCopy> copies = new ArrayList<>();
        for (int k = 0; k < sent; k++) {
            ImpairmentRelay.Record r = up.get(k);
            if (r.impairment.drop()) e.upDrops++;
            if (r.impairment.duplicated()) e.upDuplicates++;
            for (long at : r.releaseNanos()) {
                copies.add(new UpCopy(k, at, (at - r.arrivalNanos) / NS_PER_MS));
            }
        }
        // the reflector numbers its replies in the order requests reach it
        copies.sort(Comparator.comparingLong(UpCopy::releaseNanos));
        e.repliesSent = copies.size();
        Set<Integer> seen = new HashSet<>();
        int highest = -1;
        for (UpCopy c : copies) {
            if (seen.add(c.packet) && c.packet < highest) e.upReordered++;
            highest = Math.max(highest, c.packet);
        }

        // replies: index r = j + 1 for the j-th reply at the relay; each delivered copy arrives at the agent in release order
        long[] firstDownRelease = new long[e.repliesSent + 1];
        double[] downAppliedMs = new double[e.repliesSent + 1];
        List<long[]> downArrivals = new ArrayList<>();
        for (int j = 0; j < e.repliesSent; j++) {
            ImpairmentRelay.Record r = down.get(j);
            if (r.replyIndex != j + 1) throw new IllegalStateException("reply " + j + " carries index " + r.replyIndex);
            if (r.impairment.drop()) e.downDrops++;
            if (r.impairment.duplicated()) e.downDuplicates++;
            List<Long> releases = r.releaseNanos();
            firstDownRelease[j + 1] = releases.isEmpty() ? Long.MAX_VALUE : releases.getFirst();
            downAppliedMs[j + 1] = releases.isEmpty() ? Double.NaN : (releases.getFirst() - r.arrivalNanos) / NS_PER_MS;
            for (long at : releases) downArrivals.add(new long[]{at, j + 1});
        }
        downArrivals.sort(Comparator.comparingLong(a -> a[0]));
        Set<Long> seenIndex = new HashSet<>();
        long highestIndex = 0;
        for (long[] a : downArrivals) {
            if (seenIndex.add(a[1]) && a[1] < highestIndex) e.downReordered++;
            highestIndex = Math.max(highestIndex, a[1]);
        }

        // per packet: the reply that reached the agent first decides its timing, as for a phone only the first copy counts
        int[] firstReply = new int[sent];
        Arrays.fill(firstReply, -1);
        for (int m = 1; m <= e.repliesSent; m++) {
            int k = copies.get(m - 1).packet;
            if (firstDownRelease[m] != Long.MAX_VALUE && (firstReply[k] < 0 || firstDownRelease[m] < firstDownRelease[firstReply[k]])) {
                firstReply[k] = m;
            }
        }
        List<double[]> downByArrival = new ArrayList<>();
        List<Double> rtts = new ArrayList<>();
        double[] upTransit = new double[sent];
        Arrays.fill(upTransit, Double.NaN);
        double[] downTransit = new double[e.repliesSent + 1];
        Arrays.fill(downTransit, Double.NaN);
        // the reflector's arrival record gives every request that reached it its transit, answered or not, and
        // upstream jitter runs over those first arrivals in the order they reached the reflector
        List<double[]> upByArrival = new ArrayList<>();
        for (UpCopy c : copies) {
            if (Double.isNaN(upTransit[c.packet])) {
                upTransit[c.packet] = c.appliedMs;
                upByArrival.add(new double[]{c.releaseNanos, c.appliedMs});
            }
        }
        for (int k = 0; k < sent; k++) {
            int m = firstReply[k];
            if (m < 0) continue;
            double downMs = downAppliedMs[m];
            downTransit[m] = downMs;
            downByArrival.add(new double[]{firstDownRelease[m], downMs});
            rtts.add(copies.get(m - 1).appliedMs + downMs);
        }
        downByArrival.sort(Comparator.comparingDouble(a -> a[0]));
        e.jitterUpMs = rfc3550(upByArrival);
        e.jitterDownMs = rfc3550(downByArrival);
        e.rttMedianMs = median(rtts);

        boolean[] upReceived = new boolean[sent];
        for (int k = 0; k < sent; k++) upReceived[k] = !up.get(k).impairment.drop();
        boolean[] downReceived = new boolean[e.repliesSent];
        for (int j = 0; j < e.repliesSent; j++) downReceived[j] = !down.get(j).impairment.drop();
        boolean[] upPlayed = fixedBuffer(upReceived, upTransit, 0, bufferMs);
        boolean[] downPlayed = fixedBuffer(downReceived, downTransit, 1, bufferMs);
        e.discardsUp = discards(upReceived, upPlayed);
        e.discardsDown = discards(downReceived, downPlayed);
        e.upPattern = LossPattern.of(upPlayed);
        e.downPattern = LossPattern.of(downPlayed);
        return e;
    }

    /** J += (|D| − J) / 16 over (order key, transit) pairs already in arrival order. */
    private static double rfc3550(List<double[]> transits) {
        double j = 0;
        for (int i = 1; i < transits.size(); i++) {
            j += (Math.abs(transits.get(i)[1] - transits.get(i - 1)[1]) - j) / 16;
        }
        return j;
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /**
     * A fixed buffer anchored on the first packet (in send order) that arrived with known timing; a packet later
     * than anchor + buffer, or earlier than anchor − buffer, is not played. Arrivals without timing are played.
     * {@code transit} is indexed from {@code offset}.
     */
    private static boolean[] fixedBuffer(boolean[] received, double[] transit, int offset, double bufferMs) {
        boolean[] played = new boolean[received.length];
        double anchor = Double.NaN;
        for (int i = 0; i < received.length; i++) {
            if (!received[i]) continue;
            double t = transit[i + offset];
            if (Double.isNaN(t)) {
                played[i] = true;
                continue;
            }
            if (Double.isNaN(anchor)) anchor = t;
            played[i] = t <= anchor + bufferMs && t >= anchor - bufferMs;
        }
        return played;
    }

    private static int discards(boolean[] received, boolean[] played) {
        int n = 0;
        for (int i = 0; i < received.length; i++) {
            if (received[i] && !played[i]) n++;
        }
        return n;
    }
}
