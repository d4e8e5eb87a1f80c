package io.callready.agent.probe;

import io.callready.agent.config.SnmpCredentials;
import io.callready.agent.probe.echo.UdpEchoProbe;
import io.callready.agent.probe.traffic.CounterReaders;
import io.callready.agent.probe.traffic.WanTrafficProbe;
import io.callready.agent.probe.dscp.DscpMatrixProbe;
import io.callready.agent.probe.rtpports.RtpPortsProbe;
import io.callready.wire.plan.DscpMatrixSpec;
import io.callready.wire.plan.RtpPortsSpec;
import io.callready.agent.probe.rtp.RtpBurstProbe;
import io.callready.agent.probe.sip.SipOptionsProbe;
import io.callready.agent.probe.sipalg.SipAlgProbe;
import io.callready.agent.probe.fragment.SipFragmentationProbe;
import io.callready.agent.probe.lifetime.UdpLifetimeProbe;
import io.callready.agent.probe.nat.NatBehaviourProbe;
import io.callready.wire.plan.UdpLifetimeSpec;
import io.callready.wire.plan.NatBehaviourSpec;
import io.callready.agent.profile.ProfileCheckProbe;
import io.callready.wire.plan.ProbeSpec;
import io.callready.wire.plan.RtpBurstSpec;
import io.callready.wire.plan.SipOptionsSpec;
import io.callready.wire.plan.SipAlgSpec;
import io.callready.wire.plan.SipFragmentationSpec;
import io.callready.wire.plan.ProfileCheckSpec;
import io.callready.agent.probe.stamp.StampProbe;
import io.callready.wire.plan.StampSpec;
import io.callready.wire.plan.UdpEchoSpec;
import io.callready.wire.plan.WanTrafficSpec;
import io.callready.wire.plan.DurationText;
import io.callready.wire.result.MetricNames;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.ResultStatus;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Finds the probe for a spec and runs it, turning anything a probe lets escape into an {@code error} result. */
public final class ProbeRegistry {
    private static final Logger LOG = Logger.getLogger(ProbeRegistry.class.getName());

    private final Map<Class<? extends ProbeSpec>, Probe<?>> probes = new LinkedHashMap<>();

    /** Every probe the agent ships, without SNMP credentials (a one-shot check, a test). */
    public static ProbeRegistry standard() {
        return standard(Map.of());
    }

    /** Every probe the agent ships; one line per probe kind. {@code snmpCredentials} are the agent config's, by name. */
    public static ProbeRegistry standard(Map<String, SnmpCredentials> snmpCredentials) {
        CounterReaders readers = new CounterReaders(snmpCredentials);
        return new ProbeRegistry()
                .register(RtpBurstSpec.class, new RtpBurstProbe())
                .register(SipOptionsSpec.class, new SipOptionsProbe())
                .register(SipAlgSpec.class, new SipAlgProbe())
                .register(SipFragmentationSpec.class, new SipFragmentationProbe())
                .register(ProfileCheckSpec.class, new ProfileCheckProbe())
                .register(StampSpec.class, new StampProbe())
                .register(UdpEchoSpec.class, new UdpEchoProbe())
                .register(WanTrafficSpec.class, new WanTrafficProbe(readers))
                .register(DscpMatrixSpec.class, new DscpMatrixProbe())
                .register(RtpPortsSpec.class, new RtpPortsProbe())
                .register(NatBehaviourSpec.class, new NatBehaviourProbe(readers))
                .register(UdpLifetimeSpec.class, new UdpLifetimeProbe());
    }

    public <S extends ProbeSpec> ProbeRegistry register(Class<S> specType, Probe<S> probe) {
        probes.put(specType, probe);
        return this;
    }

    /** Runs the probe and labels its result with the probe's plan interval. */
    public ProbeResult run(ProbeSpec spec, ProbeContext context) {
        ProbeResult r = runTyped(probeFor(spec), spec, context);
        Map<String, String> labels = new LinkedHashMap<>(r.labels());
        labels.put(MetricNames.LABEL_INTERVAL, DurationText.format(spec.interval()));
        return new ProbeResult(r.id(), r.agentId(), r.kind(), r.target(), r.startedAt(), r.durationMs(), r.status(),
                r.reason(), r.metrics(), labels, r.details());
    }

    private Probe<?> probeFor(ProbeSpec spec) {
        Probe<?> probe = probes.get(spec.getClass());
        if (probe == null) {
            throw new IllegalArgumentException("no probe registered for " + spec.getClass().getSimpleName());
        }
        return probe;
    }

    @SuppressWarnings("unchecked")
    private static <S extends ProbeSpec> ProbeResult runTyped(Probe<S> probe, ProbeSpec spec, ProbeContext context) {
        S typed = (S) spec;
        ProbeRun run = new ProbeRun(probe.kind(), probe.target(typed), context);
        try {
            return probe.run(typed, context);
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "probe " + spec.name() + " threw; recording an error result", e);
            return run.finish(ResultStatus.ERROR, "probe crashed: " + e);
        }
    }
}
