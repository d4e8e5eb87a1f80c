package io.callready.agent.probe.dscp;

import io.callready.agent.probe.ProbeContext;
import io.callready.agent.probe.ProbeRun;
import io.callready.wire.plan.DscpMatrixSpec;
import io.callready.wire.result.ProbeKind;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.ResultRules;
import io.callready.wire.result.ResultStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DscpVerdictTest {
    @Test
    void classNamesFollowTheCodePointLayout() {
        assertThat(DscpClass.label(46)).isEqualTo("EF 46");
        assertThat(DscpClass.label(34)).isEqualTo("AF41 34");
        assertThat(DscpClass.label(26)).isEqualTo("AF31 26");
        assertThat(DscpClass.label(18)).isEqualTo("AF21 18");
        assertThat(DscpClass.label(24)).isEqualTo("CS3 24");
        assertThat(DscpClass.label(0)).isEqualTo("CS0 0");
        assertThat(DscpClass.label(47)).isEqualTo("DSCP 47");
    }

    @Test
    void verdictsPerDirection() {
        assertThat(MarkVerdict.of(46, 46)).isEqualTo(MarkVerdict.PRESERVED);
        assertThat(MarkVerdict.of(46, 0)).isEqualTo(MarkVerdict.BLEACHED);
        assertThat(MarkVerdict.of(34, 18)).isEqualTo(MarkVerdict.REMARKED);
        assertThat(MarkVerdict.of(0, 0)).as("the control").isEqualTo(MarkVerdict.PRESERVED);
        assertThat(MarkVerdict.of(0, 8)).as("the control marked on the way").isEqualTo(MarkVerdict.REMARKED);
        assertThat(MarkVerdict.of(46, null)).isEqualTo(MarkVerdict.UNKNOWN);
        assertThat(MarkVerdict.REMARKED.describe(18)).isEqualTo("re-marked to AF21 18");
    }

    @Test
    void theRouterReflectorPlacesAChange() {
        assertThat(ChangeLocation.of(MarkVerdict.BLEACHED, MarkVerdict.PRESERVED)).isEqualTo(ChangeLocation.BEYOND_ROUTER);
        assertThat(ChangeLocation.of(MarkVerdict.BLEACHED, MarkVerdict.BLEACHED)).isEqualTo(ChangeLocation.LAN);
        assertThat(ChangeLocation.of(MarkVerdict.BLEACHED, MarkVerdict.UNKNOWN)).isEqualTo(ChangeLocation.UNKNOWN);
        assertThat(ChangeLocation.of(MarkVerdict.PRESERVED, MarkVerdict.BLEACHED)).isEqualTo(ChangeLocation.NONE);
    }

    @Test
    void aBleachedUpstreamIsDegradedWithTheClassNamedAndTheResultShips() {
        DscpMatrixSpec spec = new DscpMatrixSpec(null, null, "192.0.2.1:5004", null, List.of(46, 34, 0), "192.168.1.1:862", null);
        List<ClassObservation> far = List.of(new ClassObservation(46, 0, 46, 62, -1), new ClassObservation(34, 18, 34, 62, -1),
                new ClassObservation(0, 0, 0, 62, -1));
        List<ClassObservation> router = List.of(new ClassObservation(46, 46, 46, 64, 64), new ClassObservation(34, 34, 34, 64, 64),
                new ClassObservation(0, 0, 0, 64, 64));
        ProbeResult r = DscpMatrixProbe.conclude(new ProbeRun(ProbeKind.DSCP_MATRIX, spec.reflector(), ProbeContext.quiet("t")), spec, far, router,
                new LinkedHashMap<>());
        assertThat(r.status()).isEqualTo(ResultStatus.DEGRADED);
        assertThat(r.reason()).isEqualTo("EF 46: up bleached to 0 (beyond the router's LAN side), down preserved; "
                + "AF41 34: up re-marked to AF21 18 (beyond the router's LAN side), down preserved");
        assertThat(r.metrics()).containsEntry("class_46_up_dscp", 0.0).containsEntry("class_46_down_dscp", 46.0)
                .containsEntry("class_34_up_dscp", 18.0).containsEntry("classes_changed_count", 2.0);
        assertThat(r.details().path("classes").get(0).path("where_up").asText()).isEqualTo("beyond_router");
        assertThat(ResultRules.check(r, Instant.now(), ResultRules.Window.DEFAULT)).isEmpty();
    }

    @Test
    void noReplyAtAllIsFailedNotPreserved() {
        DscpMatrixSpec spec = new DscpMatrixSpec(null, null, "192.0.2.1:5004", null, List.of(46), null, null);
        ProbeResult r = DscpMatrixProbe.conclude(new ProbeRun(ProbeKind.DSCP_MATRIX, spec.reflector(), ProbeContext.quiet("t")), spec,
                List.of(ClassObservation.unanswered(46)), null, new LinkedHashMap<>());
        assertThat(r.status()).isEqualTo(ResultStatus.FAILED);
        assertThat(r.metrics()).doesNotContainKey("class_46_up_dscp");
    }

    @Test
    void aReflectorThatReportsNoMarksIsFailedNeverPreserved() {
        DscpMatrixSpec spec = new DscpMatrixSpec(null, null, "192.0.2.1:862", DscpMatrixSpec.Method.STAMP, List.of(46, 0), null, null);
        // replies came (TTL known) but without the Class of Service TLV: neither direction is known
        List<ClassObservation> far = List.of(new ClassObservation(46, null, null, 60, 61), new ClassObservation(0, null, null, 60, 61));
        ProbeResult r = DscpMatrixProbe.conclude(new ProbeRun(ProbeKind.DSCP_MATRIX, spec.reflector(), ProbeContext.quiet("t")), spec, far, null,
                new LinkedHashMap<>());
        assertThat(r.status()).isEqualTo(ResultStatus.FAILED);
        assertThat(r.reason()).contains("did not report the marks").doesNotContain("preserved");

        List<ClassObservation> half = List.of(new ClassObservation(46, 46, null, 60, 61), new ClassObservation(0, 0, 0, 60, 61));
        ProbeResult partly = DscpMatrixProbe.conclude(new ProbeRun(ProbeKind.DSCP_MATRIX, spec.reflector(), ProbeContext.quiet("t")), spec, half, null,
                new LinkedHashMap<>());
        assertThat(partly.status()).isEqualTo(ResultStatus.OK);
        assertThat(partly.reason()).isEqualTo("no mark changed where it was reported; 1 class(es) with a direction the reflector did not report");
    }
}
