package io.callready.report;

import java.util.List;

/**
 * The stored busy-hour / QoS assessment, as the report shows it.
 *
 * @param verdict    advice's verdict in words
 * @param confidence high, medium or low
 * @param evidence   sentences with the site's own figures
 * @param advice     what to do (shaper rates, priority class), or the samples still needed
 */
public record QosSection(String verdict, String confidence, List<String> evidence, List<String> advice) {
    public QosSection {
        evidence = List.copyOf(evidence);
        advice = List.copyOf(advice);
    }
}
