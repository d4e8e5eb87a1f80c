package io.callready.agent.probe.sipalg;

import io.callready.wire.plan.SipTransport;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The verdict and the advice, from what was observed on each transport and port: a workaround is offered only on a
 * leg that answered and arrived untouched, never on one that was rewritten or not compared.
 *
 * @param verdict     what the legs add up to
 * @param why         the evidence, leg by leg
 * @param remediation what to do; empty when nothing needs doing or nothing could be compared
 */
public record AlgConclusion(AlgVerdict verdict, String why, List<String> remediation) {

    public String summary() {
        return verdict.wireName() + ": " + why;
    }

    /** @param port the standard SIP port; every other port in {@code legs} is an alternate one */
    public static AlgConclusion of(List<AlgLeg> legs, int port) {
        List<AlgLeg> answered = filter(legs, AlgLeg::answered);
        List<AlgLeg> foreign = filter(legs, AlgLeg::foreignAnswer);
        if (answered.isEmpty() && !foreign.isEmpty()) {
            return new AlgConclusion(AlgVerdict.INDETERMINATE, "a SIP server answered on " + labels(foreign) + " (" + foreign.getFirst().error()
                    + "), not a CallReady reflector: the ALG test needs a reflector running --sip, so nothing was compared", List.of());
        }
        if (answered.isEmpty()) {
            return new AlgConclusion(AlgVerdict.INDETERMINATE, "no test request came back on any port (" + legs.getFirst().error()
                    + "): the reflector is unreachable or SIP is blocked", List.of());
        }
        List<AlgLeg> standardRewritten = filter(legs, l -> l.port() == port && l.rewritten());
        List<AlgLeg> alternateRewritten = filter(legs, l -> l.port() != port && l.rewritten());
        List<AlgLeg> untouched = filter(answered, l -> !l.rewritten());
        List<AlgLeg> silent = filter(legs, l -> !l.answered());
        String rest = (untouched.isEmpty() ? "" : "; untouched: " + labels(untouched))
                + (silent.isEmpty() ? "" : "; not answered, so not compared: " + labels(silent));
        if (!standardRewritten.isEmpty() && !alternateRewritten.isEmpty()) {
            return new AlgConclusion(AlgVerdict.ALG_ALL_PORTS, "SIP is rewritten on " + port + " and on alternate ports ("
                    + rewrittenWhat(legs) + ")" + rest + "; turn the ALG off on the router", advice(untouched));
        }
        if (!standardRewritten.isEmpty()) {
            return new AlgConclusion(AlgVerdict.ALG_5060_ONLY, "a SIP ALG rewrites requests to port " + port + " ("
                    + rewrittenWhat(legs) + ")" + rest, advice(untouched));
        }
        if (!alternateRewritten.isEmpty()) {
            return new AlgConclusion(AlgVerdict.INDETERMINATE, "requests to alternate ports were rewritten (" + rewrittenWhat(legs)
                    + ") but those to " + port + " were not" + rest + "; something on the path rewrites SIP unusually (a proxy?)",
                    advice(untouched));
        }
        AlgLeg udp = legs.stream().filter(l -> l.port() == port && l.transport() == SipTransport.UDP)
                .findFirst().orElse(legs.getFirst());
        if (!udp.answered()) {
            return new AlgConclusion(AlgVerdict.INDETERMINATE, udp.label() + " got no answer (" + udp.error() + ") while "
                    + labels(answered) + " did: an ALG or firewall that drops SIP on " + port + " looks like this", advice(untouched));
        }
        String nat = udp.seenFrom() != null && !udp.seenFrom().equals(udp.sentFrom())
                ? " (NAT seen: sent from " + udp.sentFrom() + ", arrived from " + udp.seenFrom() + ", headers untouched)" : "";
        return new AlgConclusion(AlgVerdict.NO_ALG, "requests arrived exactly as sent on " + labels(answered) + nat
                + (silent.isEmpty() ? "" : "; not answered, so not compared: " + labels(silent)), List.of());
    }

    /** The port given as the SIP port is where a CallReady reflector answers RTP probes: a mistake, not an ALG. */
    public static AlgConclusion rtpPortGiven(String host, int port) {
        return new AlgConclusion(AlgVerdict.INDETERMINATE, host + ":" + port + " is a CallReady reflector's RTP port, not its SIP"
                + " responder, so SIP got no answer there: give the SIP port instead (--reflector " + host + ", default 5060) of a"
                + " reflector running --sip", List.of());
    }

    /** NAT behaviour, apart from the ALG: advice only when the reflector saw another source port than the one we used. */
    public static List<String> natAdvice(List<AlgLeg> legs) {
        boolean portRewritten = legs.stream().anyMatch(l -> l.answered() && l.sentFrom() != null && l.seenFrom() != null
                && !port(l.sentFrom()).equals(port(l.seenFrom())));
        return portRewritten ? Remediation.NAT_PORT_REWRITE : List.of();
    }

    private static String port(String hostPort) {
        return hostPort.substring(hostPort.lastIndexOf(':') + 1);
    }

    private static List<String> advice(List<AlgLeg> untouched) {
        List<String> fix = new ArrayList<>(Remediation.VENDORS);
        fix.add(Remediation.portWorkaround(untouched.stream().map(AlgLeg::label).toList()));
        return fix;
    }

    private static List<AlgLeg> filter(List<AlgLeg> legs, Predicate<AlgLeg> keep) {
        return legs.stream().filter(keep).toList();
    }

    private static String labels(List<AlgLeg> legs) {
        return String.join(", ", legs.stream().map(AlgLeg::label).toList());
    }

    private static String rewrittenWhat(List<AlgLeg> legs) {
        List<String> parts = new ArrayList<>();
        for (AlgLeg leg : legs) {
            if (!leg.rewritten()) continue;
            parts.add(leg.label() + ": " + String.join(", ", leg.rewrites().stream()
                    .map(r -> r.where() + (r.portOnly() ? " (port only)" : "")).distinct().toList()));
        }
        return String.join("; ", parts);
    }
}
