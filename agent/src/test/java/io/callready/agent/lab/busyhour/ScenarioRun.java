package io.callready.agent.lab.busyhour;

import io.callready.wire.plan.ProbePlan;
import io.callready.wire.result.ProbeKind;
import io.callready.wire.result.ProbeResult;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * One compressed busy day on one lab: the agent runs its plan in the site namespace while the load schedule runs
 * beside it. The schedule starts {@value #AGENT_LEAD_SECONDS} s after the agent schedules its first probes (its first
 * samples settle): that instant is virtual 08:00.
 */
record ScenarioRun(CompressedDay day, List<ProbeResult> results, List<LoadSchedule.Ran> load) {
    static final int AGENT_LEAD_SECONDS = 2;

    static ScenarioRun run(BusyHourLab lab, String name, ProbePlan plan, LoadSchedule schedule) throws Exception {
        BusyHourLab.AgentRun agent = lab.startAgent(name, plan, AGENT_LEAD_SECONDS + schedule.seconds());
        Instant loadStart = Instant.now().plusSeconds(AGENT_LEAD_SECONDS);
        CompletableFuture<List<LoadSchedule.Ran>> load = CompletableFuture.supplyAsync(() -> {
            try {
                return schedule.run(lab, loadStart);
            } catch (Exception e) {
                throw new IllegalStateException("load schedule of " + name + ": " + e.getMessage(), e);
            }
        }, ScenarioRun::ownThread);
        List<ProbeResult> results = agent.results();
        try {
            return new ScenarioRun(new CompressedDay(loadStart), results, load.get());
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
    }

    /** Labs and their load run on threads of their own: the common pool has a single worker on a 2-core machine. */
    static void ownThread(Runnable task) {
        Thread.ofPlatform().daemon(true).name("busy-hour-lab").start(task);
    }

    List<ProbeResult> bursts() {
        return results.stream().filter(r -> r.kind() == ProbeKind.RTP_BURST).toList();
    }

    /** Seconds since the load schedule's start at which a result started. */
    double second(ProbeResult r) {
        return (r.startedAt().toEpochMilli() - day.realStart().toEpochMilli()) / 1000.0;
    }
}
