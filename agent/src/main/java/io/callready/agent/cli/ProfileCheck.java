package io.callready.agent.cli;

import io.callready.agent.probe.ProbeContext;
import io.callready.agent.probe.sip.SipOptionsProbe;
import io.callready.agent.profile.CheckItem;
import io.callready.agent.profile.CheckOptions;
import io.callready.agent.profile.ChecklistReport;
import io.callready.agent.profile.Checklist;
import io.callready.agent.profile.ChecklistRunner;
import io.callready.agent.profile.ProfileCheckProbe;
import io.callready.report.profile.ProfileException;
import io.callready.report.profile.ProfileLoader;
import io.callready.report.profile.ProviderProfile;
import io.callready.wire.Json;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

/** {@code check --profile}: loads the profile, runs its checklist with progress on stderr, prints text or JSON. */
final class ProfileCheck {
    private ProfileCheck() {
    }

    /** {@code --report FILE} and {@code --calls N}; file null = no report. */
    record ReportTarget(Path file, Integer calls) {
    }

    static int run(String profileName, String reflector, String dns, String sipHost, Integer reflectorRtpPort, String routerStamp,
                   boolean json, ReportTarget report, PrintWriter out, PrintWriter err)
            throws Exception {
        if (report.calls() != null && report.calls() < 0) {
            err.println("error: --calls: must be 0 or more, got " + report.calls());
            return ExitCodes.USAGE;
        }
        ProviderProfile profile;
        CheckOptions options;
        try {
            profile = new ProfileLoader().load(profileName);
            options = ProfileCheckProbe.options(reflector, dns, sipHost).withPath(reflectorRtpPort, routerStamp);
        } catch (ProfileException e) {
            err.println("error: --profile: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (IllegalArgumentException e) {
            err.println("error: " + (e.getMessage().contains("host:port") && dns != null ? "--dns " : "--reflector ") + e.getMessage());
            return ExitCodes.USAGE;
        }
        err.println("… running the " + profile.title() + " checklist" + (options.reflectorHost() == null ? " (no --reflector: SIP ALG, fragmentation, DSCP and RTP ports skipped)" : ""));
        err.flush();
        ProbeContext context = new ProbeContext(CheckCommand.CHECK_AGENT_ID, Clock.systemUTC(), message -> {
            synchronized (err) {
                err.println("… " + message);
                err.flush();
            }
        });
        Checklist checklist = new ChecklistRunner(new SipOptionsProbe()).run(profile, options, context);
        if (json) {
            out.println(Json.newMapper().writerWithDefaultPrettyPrinter().writeValueAsString(checklist.toJson()));
        } else {
            out.print(checklist.toText());
        }
        out.flush();
        if (report.file() != null) {
            String site = report.file().getFileName().toString().replaceFirst("\\.html?$", "");
            try {
                Files.writeString(report.file(), ChecklistReport.html(checklist, site, report.calls(), Instant.now()), StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("error: --report: cannot write " + report.file() + ": " + e.getMessage());
                return ExitCodes.CANNOT_CREATE;
            }
            err.println("… readiness report written to " + report.file());
            err.flush();
        }
        return checklist.count(CheckItem.Status.FAIL) > 0 ? ExitCodes.PROBE_FAILED : ExitCodes.OK;
    }
}
