package io.callready.advice;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Synthetic site data for verdict tests: bursts every 10 minutes 08:00–18:00 local on the five weekdays before
 * {@link #NOW}, a traffic sample a minute, and load in the 10:00–11:00 window. What each burst measures comes from
 * a {@link Shape}.
 */
public final class SyntheticSite {
    public static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    /** Tuesday; the five weekdays before it are Tue 24 .. Fri 27 and Mon 30 November 2026. */
    public static final Instant NOW = ZonedDateTime.of(2026, 12, 1, 6, 0, 0, 0, ZONE).toInstant();
    public static final SiteFacts FACTS = new SiteFacts(ZONE, 2e6, 20e6, 1e9, "pcmu", 20, 4, 46, 34, "smartalex");

    public interface Shape {
        /** index = running burst number; loaded = inside the busy window. */
        QualitySample burst(Instant at, int index, boolean loaded);
    }

    private SyntheticSite() {
    }

    public static List<LocalDate> weekdays() {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = LocalDate.of(2026, 11, 24); d.isBefore(LocalDate.of(2026, 12, 1)); d = d.plusDays(1)) {
            if (d.getDayOfWeek().getValue() <= 5) {
                days.add(d);
            }
        }
        return days;
    }

    public static boolean busy(LocalTime t) {
        return !t.isBefore(LocalTime.of(10, 0)) && t.isBefore(LocalTime.of(11, 0));
    }

    public static SiteSeries series(Shape shape, String lineRateSource) {
        List<QualitySample> quality = new ArrayList<>();
        List<TrafficSample> traffic = new ArrayList<>();
        int index = 0;
        for (LocalDate day : weekdays()) {
            for (LocalTime t = LocalTime.of(8, 0); !t.isAfter(LocalTime.of(18, 0)); t = t.plusMinutes(10)) {
                quality.add(shape.burst(day.atTime(t).atZone(ZONE).toInstant(), index++, busy(t)));
            }
            for (int minute = 0; minute < 24 * 60; minute++) {
                LocalTime t = LocalTime.of(minute / 60, minute % 60);
                double up = busy(t) ? 1.95e6 : 2e5;
                traffic.add(new TrafficSample(day.atTime(t).atZone(ZONE).toInstant(), "snmp:10.0.0.1/wan", up, 1e6,
                        up / 2e4, 5.0, lineRateSource));
            }
        }
        return new SiteSeries(traffic, quality);
    }

    /** A quiet-link burst: util 5–30 %, no loss, sub-millisecond jitter, 20 ms RTT, MOS 4.4. */
    public static QualitySample quiet(Instant at, int i, String lineRateSource) {
        return sample(at, 5 + i % 26, 3.0, 0, 0, 0.1 + (i % 3) * 0.1, 0.1, 20, 4.4, lineRateSource);
    }

    public static QualitySample sample(Instant at, double upUtil, double downUtil, double lossUp, double lossDown,
                                double jitterUp, double jitterDown, double rttMs, double mos, String lineRateSource) {
        return new QualitySample(at, "reflector.example.net:5004", upUtil, downUtil, lineRateSource, lossUp, lossDown,
                jitterUp, jitterDown, 0.0, 0.0, 500.0, rttMs, mos, mos, mos);
    }
}
