package io.callready.report.render;

import io.callready.advice.QualitySample;
import io.callready.report.CheckState;
import io.callready.report.ReadinessReport;
import io.callready.report.ReportBuilder;
import io.callready.report.ReportInput;
import io.callready.report.RouterItem;
import io.callready.report.Samples;
import io.callready.report.profile.ProfileLoader;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class ReportPageTest {
    static final String HOSTILE = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>";

    @Test
    void everySectionIsThereInTheSeedsOrder() throws Exception {
        String html = ReportPage.render(report("Branch 7", List.of(
                new RouterItem("SIP ALG", "SIP ALG", CheckState.FAIL, "Via rewritten", "FortiGate: config system settings, set sip-helper disable"))));
        int last = -1;
        for (String id : List.of("verdict", "quality", "router", "bandwidth", "qos", "change-request", "measured")) {
            int at = html.indexOf("id=\"" + id + "\"");
            assertThat(at).as(id).isGreaterThan(last);
            last = at;
        }
        assertThat(html).contains("<span id=\"verdict-label\">Not ready</span>", "class=\"verdict problematic\"",
                "FortiGate: config system settings, set sip-helper disable", "sip.voice.getsmartalex.com",
                "Firewall change request: voice service SmartAlex", "measured 2026-11-30 08:00 UTC to 2026-12-01 08:00 UTC",
                "@media print", "size: A4");
    }

    @Test
    void hostileTextFromResultsIsEscapedEverywhere() throws Exception {
        String html = ReportPage.render(report(HOSTILE, List.of(new RouterItem(HOSTILE, HOSTILE, CheckState.WARN, HOSTILE, HOSTILE))));
        assertThat(html).doesNotContain("<script", "<img", "onerror=alert(2)>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;");
    }

    @Test
    void thePageIsSelfContained() throws Exception {
        String html = ReportPage.render(report("Branch 7", List.of()));
        assertThat(html).doesNotContain("<script", "<link", " src=", "url(", "@import");
        // the only URL is the SVG namespace, which is a name, not a fetch
        assertThat(Pattern.compile("https?://").matcher(html.replace("http://www.w3.org/2000/svg", "")).find()).isFalse();
        assertThat(html).contains("<svg xmlns=\"http://www.w3.org/2000/svg\"", "default-src 'none'");
    }

    @Test
    void chartBarsAreTheSharesOfTheBarWidth() {
        ReadinessReport r = ReportBuilder.build(input("s", List.of(), IntStream.range(0, 4)
                .mapToObj(i -> Samples.burst(i, i < 2 ? 5 : i == 2 ? 25 : 40, 1, 0, 0, 20, 4.4, 4.4)).toList()));
        String svg = ShareChart.svg(r.quality());
        double half = ShareChart.BAR_WIDTH * 0.5;
        double quarter = ShareChart.BAR_WIDTH * 0.25;
        assertThat(svg).contains(String.format(Locale.ROOT,
                "<rect class=\"good\" x=\"%d.0\" y=\"3\" width=\"%.1f\"", ShareChart.LABEL_WIDTH, half));
        assertThat(svg).contains(String.format(Locale.ROOT,
                "<rect class=\"problematic\" x=\"%.1f\" y=\"3\" width=\"%.1f\"", ShareChart.LABEL_WIDTH + half + quarter, quarter));
    }

    static ReadinessReport report(String site, List<RouterItem> items) {
        return ReportBuilder.build(input(site, items, IntStream.range(0, 10).mapToObj(Samples::good).toList()));
    }

    static ReportInput input(String site, List<RouterItem> items, List<QualitySample> samples) {
        try {
            return new ReportInput(site, "Acme", "agent gw", Samples.T0, Samples.T0.plusSeconds(86400),
                    Samples.T0.plusSeconds(86500), samples, items, new ProfileLoader().load("smartalex"), 10, null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
