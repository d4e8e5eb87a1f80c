package io.callready.advice.busyhour;

import io.callready.advice.AdviceSettings;
import io.callready.advice.Direction;
import io.callready.advice.TrafficSample;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Time-consistent busy hour (ITU-T E.500 style): the same local clock window every day, sliding in bucket steps,
 * whose traffic averaged over the days analysed is highest. Each day's window mean counts once, so a day with more
 * samples does not weigh more. Local time in the site's zone, so a DST change keeps 10:00 at 10:00. Windows do not
 * cross midnight (the day type changes there).
 */
public final class BusyHourFinder {
    private BusyHourFinder() {
    }

    /** Busy hours per direction and day type, for the traffic in {@code [now − days, now)}; none for a day type without traffic. */
    public static List<BusyHour> find(List<TrafficSample> traffic, ZoneId zone, AdviceSettings settings, Instant now) {
        Instant from = now.minus(Duration.ofDays(settings.days()));
        int bucketSeconds = (int) settings.bucket().toSeconds();
        int buckets = 86_400 / bucketSeconds;
        int windowBuckets = (int) (settings.window().toSeconds() / bucketSeconds);
        List<BusyHour> result = new ArrayList<>();
        for (Direction d : Direction.values()) {
            for (DayType type : DayType.values()) {
                Map<LocalDate, DayBuckets> days = new TreeMap<>();
                for (TrafficSample s : traffic) {
                    Double bps = s.bps(d);
                    if (bps == null || !Double.isFinite(bps) || s.at().isBefore(from) || !s.at().isBefore(now)) {
                        continue;
                    }
                    ZonedDateTime local = s.at().atZone(zone);
                    if (DayType.of(local.toLocalDate()) != type) {
                        continue;
                    }
                    int bucket = local.toLocalTime().toSecondOfDay() / bucketSeconds;
                    days.computeIfAbsent(local.toLocalDate(), k -> new DayBuckets(buckets)).add(bucket, bps, s.utilisationPct(d));
                }
                best(days, buckets, windowBuckets).ifPresent(w -> result.add(w.toBusyHour(d, type, bucketSeconds, windowBuckets)));
            }
        }
        return result;
    }

    private static Optional<Window> best(Map<LocalDate, DayBuckets> days, int buckets, int windowBuckets) {
        Window best = null;
        for (int start = 0; start + windowBuckets <= buckets; start++) {
            Window w = Window.over(days.values(), start, windowBuckets);
            if (w.daysCovered > 0 && (best == null || w.meanBps > best.meanBps)) {
                best = w;
            }
        }
        return Optional.ofNullable(best);
    }

    /** One local date's samples summed per bucket, with prefix sums so any window is O(1). */
    private static final class DayBuckets {
        final double[] bpsSum;
        final int[] count;
        final double[] utilSum;
        final int[] utilCount;
        double[] bpsPrefix;
        int[] countPrefix;
        double[] utilPrefix;
        int[] utilCountPrefix;

        DayBuckets(int buckets) {
            bpsSum = new double[buckets];
            count = new int[buckets];
            utilSum = new double[buckets];
            utilCount = new int[buckets];
        }

        void add(int bucket, double bps, Double utilisationPct) {
            bpsSum[bucket] += bps;
            count[bucket]++;
            if (utilisationPct != null && Double.isFinite(utilisationPct)) {
                utilSum[bucket] += utilisationPct;
                utilCount[bucket]++;
            }
            bpsPrefix = null;
        }

        void prefix() {
            if (bpsPrefix != null) {
                return;
            }
            int n = bpsSum.length;
            bpsPrefix = new double[n + 1];
            countPrefix = new int[n + 1];
            utilPrefix = new double[n + 1];
            utilCountPrefix = new int[n + 1];
            for (int i = 0; i < n; i++) {
                bpsPrefix[i + 1] = bpsPrefix[i] + bpsSum[i];
                countPrefix[i + 1] = countPrefix[i] + count[i];
                utilPrefix[i + 1] = utilPrefix[i] + utilSum[i];
                utilCountPrefix[i + 1] = utilCountPrefix[i] + utilCount[i];
            }
        }
    }

    private record Window(int start, double meanBps, Double meanUtilisationPct, int daysCovered, int samples) {
        static Window over(Iterable<DayBuckets> days, int start, int length) {
            double bpsOfDays = 0;
            double utilOfDays = 0;
            int covered = 0;
            int utilDays = 0;
            int samples = 0;
            for (DayBuckets day : days) {
                day.prefix();
                int n = day.countPrefix[start + length] - day.countPrefix[start];
                if (n == 0) {
                    continue;
                }
                covered++;
                samples += n;
                bpsOfDays += (day.bpsPrefix[start + length] - day.bpsPrefix[start]) / n;
                int u = day.utilCountPrefix[start + length] - day.utilCountPrefix[start];
                if (u > 0) {
                    utilDays++;
                    utilOfDays += (day.utilPrefix[start + length] - day.utilPrefix[start]) / u;
                }
            }
            return new Window(start, covered == 0 ? 0 : bpsOfDays / covered,
                    utilDays == 0 ? null : utilOfDays / utilDays, covered, samples);
        }

        BusyHour toBusyHour(Direction d, DayType type, int bucketSeconds, int windowBuckets) {
            LocalTime startTime = LocalTime.ofSecondOfDay((long) start * bucketSeconds);
            LocalTime endTime = startTime.plusSeconds((long) windowBuckets * bucketSeconds);
            return new BusyHour(d, type, startTime, endTime, meanBps, meanUtilisationPct, daysCovered, samples);
        }
    }
}
