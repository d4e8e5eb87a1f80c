package io.callready.agent.groundtruth;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A named, seeded impairment schedule for both directions: {@code up.get(k)} applies to the k-th probe request
 * reaching the relay (packet k, since the agent sends in order), {@code down.get(j)} to the j-th reply (reply
 * index j + 1, since the reflector answers in the order it receives). Release instants within a direction are
 * kept at least 1 ms apart so the order packets leave the relay cannot depend on scheduling noise, and delays
 * stay 5 ms clear of the 60 ms jitter-buffer edge so that no discard decision rests on noise either.
 */
record Scenario(String name, int packets, List<Impairment> up, List<Impairment> down) {
    static final int PTIME_MS = 20;
    static final int PACKETS = 150;
    static final double BUFFER_MS = 60;

    @Override
    public String toString() {
        return name;
    }

    static List<Scenario> all() {
        return List.of(clean(), randomLoss(), burstyLoss(), jitter(), longDelay(), reordering(), duplicates(), returnLegLoss(),
                reorderingUpWithReturnLoss());
    }

    static Scenario clean() {
        return new Scenario("clean path", PACKETS, constant(0), constant(0));
    }

    /** 1 % of the packets in each direction, at seeded random positions. */
    static Scenario randomLoss() {
        Random rnd = new Random(1);
        return new Scenario("1 % random loss", PACKETS, dropAt(constant(2), randomPositions(rnd, PACKETS, 2, 0)),
                dropAt(constant(2), randomPositions(rnd, PACKETS, 2, 0)));
    }

    /** A seeded two-state (Gilbert) loss process upstream: bursts of several packets, about 5 % in all. */
    static Scenario burstyLoss() {
        Random rnd = new Random(7);
        List<Impairment> up = new ArrayList<>();
        boolean inBurst = false;
        for (int i = 0; i < PACKETS; i++) {
            inBurst = inBurst ? rnd.nextDouble() < 0.7 : i > 0 && rnd.nextDouble() < 0.015;
            up.add(inBurst ? Impairment.dropped() : Impairment.pass(2));
        }
        return new Scenario("5 % bursty loss", PACKETS, up, constant(2));
    }

    /**
     * Delays drawn uniformly from 0.5 … 89.5 ms (RFC 3550 jitter of about 30 ms), none within 5 ms of the 60 ms
     * buffer edge; the first packet of each direction has 0 ms so the buffer's anchor is exact.
     */
    static Scenario jitter() {
        Random rnd = new Random(30);
        return new Scenario("30 ms jitter", PACKETS, jittered(rnd), jittered(rnd));
    }

    static Scenario longDelay() {
        return new Scenario("200 ms one-way delay", PACKETS, constant(200), constant(200));
    }

    /** Every 10th request and every 13th reply held 45 ms: each overtaken by the next two packets. */
    static Scenario reordering() {
        List<Impairment> up = new ArrayList<>();
        List<Impairment> down = new ArrayList<>();
        for (int i = 0; i < PACKETS; i++) {
            up.add(Impairment.pass(i % 10 == 5 ? 45 : 1));
            down.add(Impairment.pass(i % 13 == 6 ? 45 : 1));
        }
        return new Scenario("reordering", PACKETS, up, down);
    }

    /** Every 7th request and every 11th reply forwarded twice, the copy 3 ms after the original. */
    static Scenario duplicates() {
        List<Impairment> up = new ArrayList<>();
        List<Impairment> down = new ArrayList<>();
        for (int i = 0; i < PACKETS; i++) {
            up.add(i % 7 == 3 ? Impairment.duplicated(1, 4) : Impairment.pass(1));
        }
        for (int j = 0; j < PACKETS + PACKETS / 7 + 1; j++) {
            down.add(j % 11 == 5 ? Impairment.duplicated(1, 4) : Impairment.pass(1));
        }
        return new Scenario("duplicates", PACKETS, up, down);
    }

    /** 3 % loss on the way back only. */
    static Scenario returnLegLoss() {
        Random rnd = new Random(3);
        return new Scenario("loss only on the return leg", PACKETS, constant(2),
                dropAt(constant(2), randomPositions(rnd, PACKETS, 5, 1)));
    }

    /**
     * Every 10th request held 45 ms (overtaken by the next two) and 3 % of the replies lost: a lost reply to a request
     * that came before an overtaking one is exactly what reply indices alone cannot place.
     */
    static Scenario reorderingUpWithReturnLoss() {
        List<Impairment> up = new ArrayList<>();
        for (int i = 0; i < PACKETS; i++) {
            up.add(Impairment.pass(i % 10 == 5 ? 45 : 1));
        }
        Random rnd = new Random(11);
        return new Scenario("reordering up, 3 % loss down", PACKETS, up, dropAt(constant(1), randomPositions(rnd, PACKETS, 5, 1)));
    }

    private static List<Impairment> constant(double delayMs) {
        List<Impairment> list = new ArrayList<>();
        for (int i = 0; i < PACKETS; i++) {
            list.add(Impairment.pass(delayMs));
        }
        return list;
    }

    private static List<Impairment> dropAt(List<Impairment> base, List<Integer> positions) {
        List<Impairment> list = new ArrayList<>(base);
        for (int p : positions) {
            list.set(p, Impairment.dropped());
        }
        return list;
    }

    /** {@code count} distinct positions from {@code from} on, seeded. */
    private static List<Integer> randomPositions(Random rnd, int n, int count, int from) {
        List<Integer> chosen = new ArrayList<>();
        while (chosen.size() < count) {
            int p = from + rnd.nextInt(n - from);
            if (!chosen.contains(p)) {
                chosen.add(p);
            }
        }
        return chosen;
    }

    private static List<Impairment> jittered(Random rnd) {
        List<Impairment> list = new ArrayList<>();
        List<Double> releases = new ArrayList<>();
        list.add(Impairment.pass(0));
        releases.add(0.0);
        for (int i = 1; i < PACKETS; i++) {
            double delay;
            do {
                delay = rnd.nextInt(90) + 0.5;
            } while (Math.abs(delay - BUFFER_MS) < 5 || tooClose(releases, i * PTIME_MS + delay));
            list.add(Impairment.pass(delay));
            releases.add(i * PTIME_MS + delay);
        }
        return list;
    }

    private static boolean tooClose(List<Double> releases, double at) {
        for (double r : releases) {
            if (Math.abs(r - at) < 1) {
                return true;
            }
        }
        return false;
    }
}
