package io.callready.agent.probe.nat;

import io.callready.agent.probe.nat.NatVerdict.Mapping;
import io.callready.wire.result.MetricNames;
import io.callready.wire.result.ResultStatus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A verdict turned into a result: status, a reason a person can act on, and the labels. Symmetric or
 * address-dependent mapping, a rewritten MAPPED-ADDRESS and a second NAT upstream are problems for VoIP;
 * filtering is reported but not judged (every NAT filters; RFC 4787 only recommends endpoint-independent).
 */
public record NatFindings(ResultStatus status, String reason, Map<String, String> labels) {

    /**
     * @param doubleNat            the upstream-NAT signals
     * @param otherAddressKnown    the server supports RFC 5780 (OTHER-ADDRESS)
     * @param portPreservationAsked the probe bound a fixed local port, so losing it is a finding, not a detail
     */
    public static NatFindings of(NatVerdict v, DoubleNatVerdict doubleNat, boolean otherAddressKnown, boolean portPreservationAsked) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(MetricNames.LABEL_NAT_MAPPING, v.mapping().wireName());
        labels.put(MetricNames.LABEL_NAT_FILTERING, v.filtering().wireName());
        labels.put(MetricNames.LABEL_PORT_PRESERVED, text(v.portPreserved()));
        labels.put(MetricNames.LABEL_HAIRPINNING, text(v.hairpinning()));
        labels.put(MetricNames.LABEL_MAPPED_ADDRESS_REWRITTEN, Boolean.toString(v.mappedRewritten()));
        v.publicAddress().ifPresent(a -> {
            labels.put(MetricNames.LABEL_PUBLIC_ADDRESS, a.getAddress().getHostAddress());
            labels.put(MetricNames.LABEL_PUBLIC_ADDRESS_CLASS, AddressClass.of(a.getAddress()).wireName());
        });
        List<String> problems = new ArrayList<>();
        if (v.mapping() == Mapping.ADDRESS_AND_PORT_DEPENDENT || v.mapping() == Mapping.ADDRESS_DEPENDENT) {
            problems.add(describe(v.mapping()) + " mapping (symmetric NAT): the public port STUN learns is not the one the "
                    + "provider's media server sees, so calls can have one-way audio unless the provider latches media; fix: "
                    + "set the router to endpoint-independent mapping (often \"full cone\" or a static port rule for the phones)");
        }
        if (v.mappedRewritten()) {
            problems.add("MAPPED-ADDRESS differs from XOR-MAPPED-ADDRESS: a middlebox rewrites addresses inside packets "
                    + "(an ALG); fix: turn off SIP ALG / application-level gateways on the router");
        }
        labels.put(MetricNames.LABEL_DOUBLE_NAT, doubleNat.kind().wireName());
        doubleNat.fix().ifPresent(fix -> problems.add(switch (doubleNat.kind()) {
            case DOUBLE_NAT -> "double NAT: ";
            case DOUBLE_NAT_POSSIBLE -> "possibly double NAT: ";
            default -> "carrier-grade NAT: ";
        } + doubleNat.evidence() + "; fix: " + fix));
        if (portPreservationAsked && v.portPreserved().equals(Optional.of(false))) {
            problems.add("the router does not keep the source port (port address translation), which providers such as 3CX "
                    + "need for SIP; fix: a static port mapping or port preservation for the phone system");
        }
        StringBuilder reason = new StringBuilder();
        reason.append(describe(v.mapping())).append(" mapping, ").append(describe(v.filtering())).append(" filtering");
        v.portPreserved().ifPresent(p -> reason.append(p ? ", port preserved" : ", port not preserved"));
        v.hairpinning().ifPresent(h -> reason.append(h ? ", hairpinning" : ", no hairpinning"));
        v.publicAddress().ifPresent(a -> reason.append("; public address ").append(a.getAddress().getHostAddress()));
        if (!otherAddressKnown) {
            reason.append("; the STUN server has no alternate address (no OTHER-ADDRESS), so mapping and filtering were not tested");
        }
        problems.forEach(p -> reason.append("; ").append(p));
        return new NatFindings(problems.isEmpty() ? ResultStatus.OK : ResultStatus.DEGRADED, reason.toString(), labels);
    }

    private static String text(Optional<Boolean> b) {
        return b.map(String::valueOf).orElse("unknown");
    }

    private static String describe(Enum<?> e) {
        return e == Mapping.NO_NAT ? "no NAT:" : e.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
