package io.callready.report.render;

import io.callready.report.ReadinessReport;
import io.quarkus.qute.Engine;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.RawString;
import io.quarkus.qute.ReflectionValueResolver;
import io.quarkus.qute.Template;
import io.quarkus.qute.Variant;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * Renders a report to one self-contained HTML page (inline CSS and SVG, no script, no external resource). The
 * collector's share link and the agent's {@code --report} both call this: one template, one page.
 */
public final class ReportPage {
    static final String TEMPLATE = "/io/callready/report/render/report.html";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final Engine ENGINE = Engine.builder().addDefaults()
            .addValueResolver(new ReflectionValueResolver())
            .addResultMapper(new HtmlEscaper(List.of(Variant.TEXT_HTML)))
            .build();
    private static final Template PAGE = load();

    private ReportPage() {
    }

    public static String render(ReadinessReport report) {
        return PAGE.data(Map.of(
                "report", report,
                "chart", new RawString(ShareChart.svg(report.quality())),
                "from", when(report.from()),
                "to", when(report.to()),
                "generated", when(report.generatedAt()))).render();
    }

    static String when(Instant t) {
        return WHEN.format(t);
    }

    private static Template load() {
        try (InputStream in = ReportPage.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException("template missing from the jar: " + TEMPLATE);
            }
            return ENGINE.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), Variant.forContentType(Variant.TEXT_HTML));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
