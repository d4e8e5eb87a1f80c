package io.callready.collector.qos;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Answer of GET /api/v1/sites/{id}/traffic: per target ({@code local:lo}, {@code snmp:HOST/IF}) and direction
 * (up = site to internet), points oldest first. Raw points have mean = peak; rollup points carry both.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrafficSeries(UUID siteId, Instant from, Instant to, String resolution, boolean truncated, List<Series> series) {
    public record Series(String target, String direction, List<Point> points) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Point(Instant t, Double bps, Double bpsMax, Double utilisationPct, Double utilisationPctMax) {
    }
}
