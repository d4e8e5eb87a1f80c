package io.callready.collector.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A panel's raw SQL as Grafana's PostgreSQL data source sends it: first the dashboard variables and
 * {@code $__interval}/{@code $__interval_ms} are interpolated (the front end's step), then the data source's macros are
 * expanded (the back end's step). Single values go in as typed (quotes doubled); a multi-value or "All" variable
 * becomes a comma-separated list of quoted literals, as Grafana's SQL data sources format it.
 */
public final class GrafanaMacros {
    /** A variable's selected values; {@code multi} when it is multi-value or includes "All". */
    public record Variable(List<String> values, boolean multi) {
        public static Variable single(String value) {
            return new Variable(List.of(value), false);
        }

        public static Variable multi(String... values) {
            return new Variable(List.of(values), true);
        }
    }

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)}|\\[\\[(\\w+)]]|\\$(\\w+)");
    private static final Pattern MACRO = Pattern.compile("\\$__(\\w+)\\(([^()]*)\\)");
    private static final Pattern INTERVAL = Pattern.compile("(\\d+)(ms|s|m|h|d|w|y)");

    private final Instant from;
    private final Instant to;
    private final Duration interval;
    private final Map<String, Variable> variables;

    public GrafanaMacros(Instant from, Instant to, Duration interval, Map<String, Variable> variables) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("time range must end after it starts: " + from + " .. " + to);
        }
        this.from = from;
        this.to = to;
        this.interval = interval;
        this.variables = Map.copyOf(variables);
    }

    /** Grafana's rounding of range / maxDataPoints: each upper bound in ms and the interval it rounds to. */
    private static final long[][] ROUNDING = {
            {15, 10}, {35, 20}, {75, 50}, {150, 100}, {350, 200}, {750, 500}, {1_500, 1_000}, {3_500, 2_000},
            {7_500, 5_000}, {12_500, 10_000}, {17_500, 15_000}, {25_000, 20_000}, {45_000, 30_000}, {90_000, 60_000},
            {210_000, 120_000}, {450_000, 300_000}, {750_000, 600_000}, {1_050_000, 900_000}, {1_500_000, 1_200_000},
            {2_700_000, 1_800_000}, {5_400_000, 3_600_000}, {9_000_000, 7_200_000}, {16_200_000, 10_800_000},
            {27_000_000, 21_600_000}, {43_200_000, 43_200_000}, {604_800_000, 86_400_000}, {1_814_400_000, 604_800_000},
            {3_628_800_000L, 2_592_000_000L}};

    /**
     * The {@code $__interval} Grafana gives a panel: the range over its maxDataPoints, rounded to a "nice" step, and
     * never below the panel's minimum interval ({@code "interval"}).
     */
    public static Duration interval(Duration range, int maxDataPoints, Duration minimum) {
        long raw = range.toMillis() / maxDataPoints;
        long rounded = 31_536_000_000L;
        for (long[] step : ROUNDING) {
            if (raw < step[0]) {
                rounded = step[1];
                break;
            }
        }
        Duration d = Duration.ofMillis(rounded);
        return minimum != null && d.compareTo(minimum) < 0 ? minimum : d;
    }

    /** A panel's minimum interval as its JSON spells it ("1h"). */
    public static Duration parseMinimum(String text) {
        return parseInterval(text);
    }

    public String expand(String rawSql) {
        return expandMacros(interpolate(rawSql));
    }

    private String interpolate(String sql) {
        Matcher m = VARIABLE.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            String value;
            if (name.equals("__interval")) {
                value = intervalText(interval);
            } else if (name.equals("__interval_ms")) {
                value = Long.toString(interval.toMillis());
            } else if (name.startsWith("__")) {
                value = m.group();
            } else {
                Variable v = variables.get(name);
                if (v == null) {
                    throw new IllegalArgumentException("variable $" + name + " has no value");
                }
                value = v.multi()
                        ? v.values().stream().map(GrafanaMacros::quoteLiteral).collect(Collectors.joining(","))
                        : v.values().getFirst().replace("'", "''");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String expandMacros(String sql) {
        Matcher m = MACRO.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            List<String> args = m.group(2).isBlank() ? List.of() : List.of(m.group(2).split(",", -1)).stream().map(String::trim).toList();
            m.appendReplacement(out, Matcher.quoteReplacement(macro(m.group(1), args)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String macro(String name, List<String> args) {
        return switch (name) {
            case "time" -> arg(name, args, 0) + " AS \"time\"";
            case "timeEpoch" -> "extract(epoch from " + arg(name, args, 0) + ") AS \"time\"";
            case "timeFilter" -> arg(name, args, 0) + " BETWEEN " + literal(from) + " AND " + literal(to);
            case "timeFrom" -> literal(from);
            case "timeTo" -> literal(to);
            case "timeGroup" -> timeGroup(args);
            case "timeGroupAlias" -> timeGroup(args) + " AS \"time\"";
            default -> throw new IllegalArgumentException("unknown macro $__" + name);
        };
    }

    private static String timeGroup(List<String> args) {
        if (args.size() < 2) {
            throw new IllegalArgumentException("$__timeGroup needs a column and an interval, got " + args);
        }
        String seconds = number(parseInterval(args.get(1)).toMillis() / 1000.0);
        return "floor(extract(epoch from " + args.get(0) + ")/" + seconds + ")*" + seconds;
    }

    private static String arg(String macro, List<String> args, int i) {
        if (args.size() <= i || args.get(i).isEmpty()) {
            throw new IllegalArgumentException("$__" + macro + " needs argument " + (i + 1));
        }
        return args.get(i);
    }

    /** RFC 3339 in UTC with trailing zero fractions dropped (Go's time.RFC3339Nano). */
    static String literal(Instant t) {
        String text = DateTimeFormatter.ISO_INSTANT.format(t);
        if (text.contains(".")) {
            text = text.replaceAll("0+Z$", "Z").replace(".Z", "Z");
        }
        return "'" + text + "'";
    }

    static String quoteLiteral(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** How Grafana prints {@code $__interval}: the largest whole unit, rounded down (90 s is "1m"). */
    static String intervalText(Duration d) {
        long ms = d.toMillis();
        long s = ms / 1000;
        if (s >= 31_536_000) {
            return s / 31_536_000 + "y";
        }
        if (s >= 86_400) {
            return s / 86_400 + "d";
        }
        if (s >= 3_600) {
            return s / 3_600 + "h";
        }
        if (s >= 60) {
            return s / 60 + "m";
        }
        if (s >= 1) {
            return s + "s";
        }
        return ms + "ms";
    }

    static Duration parseInterval(String text) {
        Matcher m = INTERVAL.matcher(text.trim().replace("'", ""));
        if (!m.matches()) {
            throw new IllegalArgumentException("not an interval: " + text);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            case "w" -> Duration.ofDays(7 * n);
            default -> Duration.ofDays(365 * n);
        };
    }

    /** Go's %v of a float64: no fraction for whole numbers. */
    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
