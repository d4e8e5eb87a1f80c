package io.callready.advice;

import io.callready.advice.render.Vendor;
import io.callready.advice.render.VendorConfigs;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class QosAdvisorSmokeTest {
    @Test
    void noDataIsInsufficientAndStillRenders() {
        SiteFacts facts = new SiteFacts(ZoneId.of("Europe/Berlin"), 2e6, 10e6, 1e9, "pcmu", 20, 4, 46, 34, "smartalex");
        QosAssessment a = QosAdvisor.assess(SiteSeries.from(List.of()), facts, AdviceSettings.defaults(),
                Instant.parse("2026-12-01T12:00:00Z"));
        assertThat(a.verdict()).isEqualTo(Verdict.INSUFFICIENT_DATA);
        assertThat(VendorConfigs.render(Vendor.LINUX_TC, a, facts, Map.of("wan_if", "wan0"))).contains("wan0");
    }
}
