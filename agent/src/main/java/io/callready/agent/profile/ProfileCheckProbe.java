package io.callready.agent.profile;

import io.callready.agent.probe.Probe;
import io.callready.agent.probe.ProbeContext;
import io.callready.agent.probe.ProbeRun;
import io.callready.agent.probe.sip.SipOptionsProbe;
import io.callready.report.profile.ProfileException;
import io.callready.report.profile.ProfileLoader;
import io.callready.report.profile.ProviderProfile;
import io.callready.wire.plan.HostPort;
import io.callready.wire.plan.ProfileCheckSpec;
import io.callready.wire.plan.SipAlgSpec;
import io.callready.wire.result.MetricNames;
import io.callready.wire.result.ProbeKind;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.ResultStatus;

import java.util.LinkedHashMap;
import java.util.Map;

/** A profile's checklist as a scheduled probe: the checklist document is the result's details. */
public final class ProfileCheckProbe implements Probe<ProfileCheckSpec> {
    /** Built on the first profile check: the loader's YAML mapper would load databind into every agent. */
    private static final class Loader {
        static final ProfileLoader INSTANCE = new ProfileLoader();
    }

    @Override
    public ProbeKind kind() {
        return ProbeKind.PROFILE_CHECK;
    }

    @Override
    public String target(ProfileCheckSpec spec) {
        return spec.profile();
    }

    @Override
    public ProbeResult run(ProfileCheckSpec spec, ProbeContext context) {
        ProbeRun run = new ProbeRun(kind(), target(spec), context);
        ProviderProfile profile;
        try {
            profile = Loader.INSTANCE.load(spec.profile());
        } catch (ProfileException e) {
            return run.finish(ResultStatus.ERROR, e.getMessage());
        }
        CheckOptions options;
        try {
            options = options(spec.reflector(), spec.dns(), null).withPath(spec.reflectorRtpPort(), spec.routerStamp());
        } catch (IllegalArgumentException e) {
            return run.finish(ResultStatus.ERROR, "reflector: " + e.getMessage());
        }
        Checklist checklist = new ChecklistRunner(new SipOptionsProbe()).run(profile, options, context);
        long pass = checklist.count(CheckItem.Status.PASS);
        long warn = checklist.count(CheckItem.Status.WARN);
        long fail = checklist.count(CheckItem.Status.FAIL);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(MetricNames.CHECKS_PASSED, (double) pass);
        metrics.put(MetricNames.CHECKS_WARNED, (double) warn);
        metrics.put(MetricNames.CHECKS_FAILED, (double) fail);
        ResultStatus status = fail > 0 ? (pass == 0 ? ResultStatus.FAILED : ResultStatus.DEGRADED) : warn > 0 ? ResultStatus.DEGRADED : ResultStatus.OK;
        String reason = pass + " pass, " + warn + " warn, " + fail + " fail" + checklist.items().stream()
                .filter(i -> i.status() == CheckItem.Status.FAIL).map(i -> "; " + i.title() + ": " + i.evidence()).reduce("", String::concat);
        return run.finish(status, reason, metrics, Map.of(MetricNames.LABEL_PROFILE, profile.name()), checklist.toJson());
    }

    /** {@code host[:port]} → options with the port defaulting to the responder's 5060. */
    public static CheckOptions options(String reflector, String dns, String sipHost) {
        String host = null;
        int port = SipAlgSpec.DEFAULT_PORT;
        if (reflector != null && !reflector.isBlank()) {
            boolean hasPort = reflector.matches(".*:\\d+$") && (!reflector.contains("::") || reflector.startsWith("["));
            if (hasPort) {
                HostPort hp = HostPort.parse(reflector);
                host = hp.host();
                port = hp.port();
            } else {
                host = reflector;
            }
        }
        if (dns != null) {
            HostPort.parse(dns);
        }
        return new CheckOptions(host, port, dns, sipHost, CheckOptions.DEFAULT_SIP_TIMEOUT);
    }
}
