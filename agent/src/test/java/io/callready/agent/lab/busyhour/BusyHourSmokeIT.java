package io.callready.agent.lab.busyhour;

import io.callready.agent.lab.Lab;
import io.callready.wire.plan.ProbePlan;
import io.callready.wire.plan.RtpBurstSpec;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.rtp.Codec;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

class BusyHourSmokeIT {
    @Test
    void smoke() throws Exception {
        String why = Lab.unavailable();
        assumeTrue(why == null, why);
        Path work = Files.createTempDirectory("crbh-smoke");
        LoadSchedule s = new LoadSchedule(List.of(LoadSchedule.Phase.quiet(0, 10), LoadSchedule.Phase.udp(10, 20, 1_400_000),
                LoadSchedule.Phase.cubic(20, 40), LoadSchedule.Phase.quiet(40, 45)));
        boolean ef = Boolean.getBoolean("smoke.ef");
        try (BusyHourLab lab = BusyHourLab.up("crbh9", work)) {
            if (ef) lab.routerPriorityForEf();
            ProbePlan plan = new ProbePlan(List.of(new RtpBurstSpec("voice", Duration.ofSeconds(3), Lab.PROVIDER_IP + ":" + BusyHourLab.REFLECTOR_PORT,
                    Codec.PCMU, 20, Duration.ofSeconds(2), 46, null, null)));
            ScenarioRun run = ScenarioRun.run(lab, "smoke", plan, s);
            for (ProbeResult r : run.bursts()) {
                System.out.printf("t=%5.1f %s loss_up=%s jit_up=%s rtt=%s mos=%s%n", run.second(r), r.status(), r.metrics().get("loss_up_ratio"),
                        r.metrics().get("jitter_up_ms"), r.metrics().get("rtt_ms"), r.metrics().get("mos"));
            }
            run.load().forEach(l -> System.out.println(l.phase() + " " + l.report().path("end").path("sum_received").path("bits_per_second")));
            System.out.println(lab.routerQdiscs());
        }
    }
}
