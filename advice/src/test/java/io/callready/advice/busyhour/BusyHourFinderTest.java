package io.callready.advice.busyhour;

import io.callready.advice.AdviceSettings;
import io.callready.advice.Direction;
import io.callready.advice.TrafficSample;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BusyHourFinderTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    /** One sample a minute from {@code first} (local midnight) for {@code days} days; bps from the local time. */
    private static List<TrafficSample> series(LocalDate first, int days, BiFunction<LocalDate, LocalTime, Double> upBps) {
        List<TrafficSample> out = new ArrayList<>();
        Instant start = first.atStartOfDay(BERLIN).toInstant();
        Instant end = first.plusDays(days).atStartOfDay(BERLIN).toInstant();
        for (Instant t = start; t.isBefore(end); t = t.plusSeconds(60)) {
            ZonedDateTime local = t.atZone(BERLIN);
            double up = upBps.apply(local.toLocalDate(), local.toLocalTime());
            out.add(new TrafficSample(t, "snmp:r/wan", up, 1e6, up / 2e4, 10.0, "contracted"));
        }
        return out;
    }

    private static BusyHour of(List<BusyHour> all, Direction d, DayType type) {
        return all.stream().filter(b -> b.direction() == d && b.dayType() == type).findFirst().orElseThrow();
    }

    @Test
    void findsTheWeekdayAndWeekendWindowsWithTheKnownAnswer() {
        // two weeks from Monday 2026-11-09: weekdays busy 10:15–11:15 (15-min step), weekends 14:00–15:00
        LocalDate monday = LocalDate.of(2026, 11, 9);
        var traffic = series(monday, 14, (date, time) -> {
            boolean weekend = DayType.of(date) == DayType.WEEKEND;
            LocalTime from = weekend ? LocalTime.of(14, 0) : LocalTime.of(10, 15);
            boolean busy = !time.isBefore(from) && time.isBefore(from.plusHours(1));
            return busy ? (weekend ? 600_000.0 : 1_800_000.0) : 100_000.0;
        });
        Instant now = monday.plusDays(14).atStartOfDay(BERLIN).toInstant();
        var found = BusyHourFinder.find(traffic, BERLIN, AdviceSettings.defaults(), now);

        BusyHour weekday = of(found, Direction.UP, DayType.WEEKDAY);
        assertThat(weekday.start()).isEqualTo(LocalTime.of(10, 15));
        assertThat(weekday.end()).isEqualTo(LocalTime.of(11, 15));
        assertThat(weekday.meanBps()).isCloseTo(1_800_000, within(1e-6));
        assertThat(weekday.meanUtilisationPct()).isCloseTo(90, within(1e-9));
        assertThat(weekday.daysCovered()).isEqualTo(10);
        assertThat(weekday.samples()).isEqualTo(600);
        assertThat(weekday.describe()).isEqualTo("10:15–11:15 on weekdays");

        BusyHour weekend = of(found, Direction.UP, DayType.WEEKEND);
        assertThat(weekend.start()).isEqualTo(LocalTime.of(14, 0));
        assertThat(weekend.meanBps()).isCloseTo(600_000, within(1e-6));
        assertThat(weekend.daysCovered()).isEqualTo(4);
        // flat downstream: the first window wins ties
        assertThat(of(found, Direction.DOWN, DayType.WEEKDAY).start()).isEqualTo(LocalTime.MIDNIGHT);
    }

    @Test
    void keepsTheLocalClockAcrossADstChange() {
        // Europe/Berlin leaves summer time on Sunday 2026-10-25: 10:00 local is 08:00 UTC before, 09:00 UTC after
        LocalDate wednesday = LocalDate.of(2026, 10, 21);
        var traffic = series(wednesday, 7, (date, time) ->
                time.getHour() == 10 ? 1_500_000.0 : 50_000.0);
        Instant now = wednesday.plusDays(7).atStartOfDay(BERLIN).toInstant();
        var found = BusyHourFinder.find(traffic, BERLIN, AdviceSettings.defaults(), now);
        for (DayType type : DayType.values()) {
            BusyHour b = of(found, Direction.UP, type);
            assertThat(b.start()).as(type.name()).isEqualTo(LocalTime.of(10, 0));
            assertThat(b.meanBps()).as(type.name()).isCloseTo(1_500_000, within(1e-6));
        }
        assertThat(of(found, Direction.UP, DayType.WEEKDAY).daysCovered()).isEqualTo(5);
        assertThat(of(found, Direction.UP, DayType.WEEKEND).daysCovered()).isEqualTo(2);
        // a UTC-clock search would smear the peak over two windows: the mean would fall below the peak
        var utc = BusyHourFinder.find(traffic, ZoneId.of("UTC"), AdviceSettings.defaults(), now);
        assertThat(of(utc, Direction.UP, DayType.WEEKDAY).meanBps()).isLessThan(1_500_000);
    }

    @Test
    void eachDayCountsOnceAndOnlyTheLastDaysAreAnalysed() {
        // day 1 has a huge 09:00 peak but lies outside "days = 2"; days 2 and 3 peak at 15:00
        LocalDate first = LocalDate.of(2026, 11, 10);
        var traffic = series(first, 3, (date, time) -> {
            if (date.equals(first)) {
                return time.getHour() == 9 ? 9e9 : 1.0;
            }
            return time.getHour() == 15 ? 2e6 : 1e5;
        });
        Instant now = first.plusDays(3).atStartOfDay(BERLIN).toInstant();
        var settings = AdviceSettings.defaults().withTime(Duration.ofMinutes(15), Duration.ofMinutes(60), 2);
        BusyHour b = of(BusyHourFinder.find(traffic, BERLIN, settings, now), Direction.UP, DayType.WEEKDAY);
        assertThat(b.start()).isEqualTo(LocalTime.of(15, 0));
        assertThat(b.daysCovered()).isEqualTo(2);
    }

    @Test
    void compressedTimeFindsABusyMinuteWindow() {
        // 10 s samples over 20 minutes, load between 12:06 and 12:09 local; bucket 30 s, window 3 min
        Instant start = ZonedDateTime.of(2026, 12, 1, 12, 0, 0, 0, BERLIN).toInstant();
        List<TrafficSample> traffic = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            Instant t = start.plusSeconds(10L * i);
            boolean busy = i >= 36 && i < 54;
            traffic.add(new TrafficSample(t, "local:veth", busy ? 1.9e6 : 6e4, 5e4, busy ? 95.0 : 3.0, 2.5, "contracted"));
        }
        var settings = AdviceSettings.defaults().withTime(Duration.ofSeconds(30), Duration.ofMinutes(3), 1);
        BusyHour b = of(BusyHourFinder.find(traffic, BERLIN, settings, start.plusSeconds(1200)), Direction.UP,
                DayType.WEEKDAY);
        assertThat(b.start()).isEqualTo(LocalTime.of(12, 6));
        assertThat(b.end()).isEqualTo(LocalTime.of(12, 9));
        assertThat(b.meanUtilisationPct()).isCloseTo(95, within(1e-9));
    }

    @Test
    void noTrafficGivesNoBusyHour() {
        assertThat(BusyHourFinder.find(List.of(), BERLIN, AdviceSettings.defaults(), Instant.now())).isEmpty();
    }
}
