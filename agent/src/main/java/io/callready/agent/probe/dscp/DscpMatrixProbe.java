package io.callready.agent.probe.dscp;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callready.agent.probe.Probe;
import io.callready.agent.probe.ProbeContext;
import io.callready.agent.probe.ProbeRun;
import io.callready.agent.probe.ProbeSockets;
import io.callready.wire.net.TimestampedUdpSocket;
import io.callready.wire.plan.DscpMatrixSpec;
import io.callready.wire.result.ProbeKind;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.ResultStatus;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Which DSCP marks survive the path, per class and in both directions (see {@link ClassExchange} for the
 * exchange). Every class is measured to the far reflector and, when the spec names one, to the router's own STAMP
 * reflector, which places a change on the LAN side or beyond ({@link ChangeLocation}). {@code ok} when every class
 * arrives as sent both ways, {@code degraded} when some mark changed, {@code failed} when no class got a reply.
 */
public final class DscpMatrixProbe implements Probe<DscpMatrixSpec> {
    static final String METHOD_NOTE = "each class sent once marked and the reply asked for with the same mark; "
            + "upstream = the mark the reflector saw, downstream = the mark the reply arrived with";

    @Override
    public ProbeKind kind() {
        return ProbeKind.DSCP_MATRIX;
    }

    @Override
    public String target(DscpMatrixSpec spec) {
        return spec.reflector();
    }

    @Override
    public ProbeResult run(DscpMatrixSpec spec, ProbeContext context) {
        ProbeRun run = new ProbeRun(kind(), target(spec), context);
        Map<String, String> labels = new LinkedHashMap<>(Map.of("method", spec.method().wireName()));
        return ProbeSockets.measure(run, "DSCP reflector", spec.reflector(), 0, 0, labels, socket -> {
            context.progress().accept("DSCP classes " + spec.classes() + " to " + spec.reflector() + " (" + spec.method().wireName() + ")");
            List<ClassObservation> far;
            try {
                far = measureAll(socket, spec.method(), spec);
            } catch (IOException e) {
                return run.finish(ResultStatus.FAILED, "no DSCP exchange with " + spec.reflector() + ": " + e.getMessage(), Map.of(), labels, null);
            }
            List<ClassObservation> router = spec.router() == null ? null : measureRouter(spec);
            return conclude(run, spec, far, router, labels);
        });
    }

    private static List<ClassObservation> measureAll(TimestampedUdpSocket socket, DscpMatrixSpec.Method method, DscpMatrixSpec spec) throws IOException {
        ClassExchange exchange = new ClassExchange(socket, method, spec.timeout(), ThreadLocalRandom.current().nextLong(1L << 32));
        List<ClassObservation> out = new ArrayList<>();
        for (int dscp : spec.classes()) {
            out.add(exchange.measure(dscp));
        }
        return out;
    }

    /** The router's reflector is optional evidence: if it does not answer, the location stays unknown. */
    private static List<ClassObservation> measureRouter(DscpMatrixSpec spec) {
        try (TimestampedUdpSocket socket = ProbeSockets.connect("router STAMP reflector", spec.router(), 0, 0)) {
            return measureAll(socket, DscpMatrixSpec.Method.STAMP, spec);
        } catch (IOException | ProbeSockets.TargetUnreachable e) {
            return null;
        }
    }

    static ProbeResult conclude(ProbeRun run, DscpMatrixSpec spec, List<ClassObservation> far, List<ClassObservation> router,
                                Map<String, String> labels) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        ObjectNode details = JsonNodeFactory.instance.objectNode();
        details.put("method", METHOD_NOTE + (spec.method() == DscpMatrixSpec.Method.STAMP
                ? " (STAMP Class of Service TLV, RFC 8972)" : " (CallReady reflector probe packets)"));
        details.put("router_reflector", router == null ? (spec.router() == null ? "none configured" : "did not answer") : spec.router());
        ArrayNode classes = details.putArray("classes");
        List<String> changes = new ArrayList<>();
        int changed = 0;
        int unanswered = 0;
        int unknown = 0;
        for (int i = 0; i < far.size(); i++) {
            ClassObservation o = far.get(i);
            ClassObservation r = router == null ? null : router.get(i);
            String key = "class_" + o.dscp();
            if (o.upSeen() != null) metrics.put(key + "_up_dscp", (double) o.upSeen());
            if (o.downSeen() != null) metrics.put(key + "_down_dscp", (double) o.downSeen());
            if (!o.answered()) unanswered++;
            else if (o.up() == MarkVerdict.UNKNOWN || o.down() == MarkVerdict.UNKNOWN) unknown++;
            ChangeLocation whereUp = ChangeLocation.of(o.up(), r == null ? MarkVerdict.UNKNOWN : r.up());
            ChangeLocation whereDown = ChangeLocation.of(o.down(), r == null ? MarkVerdict.UNKNOWN : r.down());
            ObjectNode c = classes.addObject();
            c.put("dscp", o.dscp()).put("class", DscpClass.label(o.dscp()));
            c.put("up", o.up().wireName()).put("down", o.down().wireName());
            if (o.upSeen() != null) c.put("up_seen", o.upSeen());
            if (o.downSeen() != null) c.put("down_seen", o.downSeen());
            c.put("where_up", whereUp.wireName()).put("where_down", whereDown.wireName());
            if (o.replyTtl() >= 0) c.put("reply_ttl", o.replyTtl());
            if (o.reflectorTtl() >= 0) c.put("ttl_at_reflector", o.reflectorTtl());
            if (o.up().changed() || o.down().changed()) {
                changed++;
                changes.add(DscpClass.label(o.dscp()) + ": up " + o.up().describe(o.upSeen()) + where(whereUp)
                        + ", down " + o.down().describe(o.downSeen()) + where(whereDown));
            }
        }
        metrics.put("classes_tested_count", (double) far.size());
        metrics.put("classes_changed_count", (double) changed);
        metrics.put("classes_unanswered_count", (double) unanswered);
        if (unanswered == far.size()) {
            return run.finish(ResultStatus.FAILED, "no reply from " + spec.reflector() + " for any of " + far.size() + " classes",
                    metrics, labels, details);
        }
        if (unknown == far.size() - unanswered && changed == 0) {
            return run.finish(ResultStatus.FAILED, "the reflector at " + spec.reflector() + " answered but did not report the marks "
                    + "(a STAMP reflector without the RFC 8972 Class of Service TLV, or one that keeps its own reply mark)", metrics, labels, details);
        }
        String reason = changed == 0 && unknown == 0
                ? "all " + (far.size() - unanswered) + " answered classes preserved both ways"
                : changed == 0 ? "no mark changed where it was reported" : String.join("; ", changes);
        if (unknown > 0) {
            reason += "; " + unknown + " class(es) with a direction the reflector did not report";
        }
        if (unanswered > 0) {
            reason += "; " + unanswered + " class(es) got no reply";
        }
        return run.finish(changed == 0 ? ResultStatus.OK : ResultStatus.DEGRADED, reason, metrics, labels, details);
    }

    private static String where(ChangeLocation l) {
        return switch (l) {
            case LAN -> " (on the LAN side)";
            case BEYOND_ROUTER -> " (beyond the router's LAN side)";
            default -> "";
        };
    }
}
