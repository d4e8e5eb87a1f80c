package io.callready.agent.probe.rtpports;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeSet;

/** Which ports of a range to try, and what the answers say about the range. Pure. */
final class PortSampling {
    private PortSampling() {
    }

    /** The first and last port and an even spread between them: {@code count} distinct ports (fewer if the range is smaller). */
    static List<Integer> spread(int from, int to, int count) {
        TreeSet<Integer> ports = new TreeSet<>();
        long span = (long) to - from;
        int n = (int) Math.min(count, span + 1);
        for (int i = 0; i < n; i++) {
            ports.add(n == 1 ? from : (int) (from + Math.round((double) span * i / (n - 1))));
        }
        return List.copyOf(ports);
    }

    /** A range of ports that did not answer; {@code exact} when its neighbours just outside it answered (or are the range's ends). */
    record Blocked(int from, int to, boolean exact) {
        String text() {
            return (from == to ? Integer.toString(from) : from + "-" + to) + (exact ? "" : " (edges not narrowed down)");
        }
    }

    /**
     * Consecutive non-answering ports merged into ranges. Between a blocked and an open port the edge is unknown;
     * the range reaches as far as it is known to be blocked.
     *
     * @param open tested ports → answered
     */
    static List<Blocked> blocked(NavigableMap<Integer, Boolean> open, int rangeFrom, int rangeTo) {
        List<Blocked> out = new ArrayList<>();
        Integer start = null;
        Integer last = null;
        Integer before = null;
        for (var e : open.entrySet()) {
            if (!e.getValue()) {
                if (start == null) start = e.getKey();
                last = e.getKey();
            } else {
                if (start != null) {
                    out.add(new Blocked(start, last, edge(before, start, rangeFrom) && last + 1 == e.getKey()));
                    start = null;
                }
                before = e.getKey();
            }
        }
        if (start != null) {
            out.add(new Blocked(start, last, edge(before, start, rangeFrom) && last == rangeTo));
        }
        return out;
    }

    private static boolean edge(Integer openBefore, int start, int rangeFrom) {
        return openBefore == null ? start == rangeFrom : openBefore + 1 == start;
    }

    /**
     * Ports that narrow down the unknown edges: for each blocked range, up to {@code perGap} evenly spread
     * untested ports between it and the open port next to it on either side.
     */
    static List<Integer> edgeProbes(NavigableMap<Integer, Boolean> open, int perGap) {
        TreeSet<Integer> next = new TreeSet<>();
        Integer prevPort = null;
        Boolean prevOpen = null;
        for (var e : open.entrySet()) {
            if (prevPort != null && !prevOpen.equals(e.getValue()) && e.getKey() - prevPort > 1) {
                int lo = prevPort + 1;
                int hi = e.getKey() - 1;
                next.addAll(spread(lo, hi, Math.min(perGap, hi - lo + 1)));
            }
            prevPort = e.getKey();
            prevOpen = e.getValue();
        }
        return List.copyOf(next);
    }
}
