package io.callready.agent.probe.nat;

import io.callready.agent.probe.nat.NatObservations.Answer;
import io.callready.agent.probe.nat.NatVerdict.Filtering;
import io.callready.agent.probe.nat.NatVerdict.Mapping;

import java.net.InetSocketAddress;
import java.util.Optional;

/** The RFC 5780 decision tree as a pure function of what the tests saw. */
public final class NatClassifier {
    private NatClassifier() {
    }

    public static NatVerdict classify(NatObservations o) {
        Optional<InetSocketAddress> m1 = mappedOf(o.primary());
        if (m1.isEmpty()) {
            return new NatVerdict(Mapping.UNKNOWN, Filtering.UNKNOWN, Optional.empty(), Optional.empty(), Optional.empty(),
                    false);
        }
        boolean rewritten = o.primary().map(BindingReply::mappedRewritten).orElse(false)
                || o.alternateIp().map(BindingReply::mappedRewritten).orElse(false);
        boolean noNat = m1.get().equals(o.local());
        Mapping mapping = noNat ? Mapping.NO_NAT : mapping(m1.get(), o);
        Optional<Boolean> preserved = noNat ? Optional.empty() : Optional.of(m1.get().getPort() == o.local().getPort());
        return new NatVerdict(mapping, filtering(o), preserved, answer(o.hairpin()), m1, rewritten);
    }

    /** §4.3: same mapping towards IP2:P1 as towards IP1:P1 → independent; else compare IP2:P1 with IP2:P2. */
    private static Mapping mapping(InetSocketAddress m1, NatObservations o) {
        if (!o.otherAddressKnown()) return Mapping.UNKNOWN;
        Optional<InetSocketAddress> m2 = mappedOf(o.alternateIp());
        if (m2.isEmpty()) return Mapping.UNKNOWN;
        if (m2.get().equals(m1)) return Mapping.ENDPOINT_INDEPENDENT;
        Optional<InetSocketAddress> m3 = mappedOf(o.alternateBoth());
        if (m3.isEmpty()) return Mapping.UNKNOWN;
        return m3.get().equals(m2.get()) ? Mapping.ADDRESS_DEPENDENT : Mapping.ADDRESS_AND_PORT_DEPENDENT;
    }

    /** §4.4: an answer from the other IP and port → independent; else one from the other port only → address-dependent. */
    private static Filtering filtering(NatObservations o) {
        if (!o.otherAddressKnown() || o.changeBoth() == Answer.NOT_RUN) return Filtering.UNKNOWN;
        if (o.changeBoth() == Answer.ARRIVED) return Filtering.ENDPOINT_INDEPENDENT;
        return switch (o.changePort()) {
            case ARRIVED -> Filtering.ADDRESS_DEPENDENT;
            case NONE -> Filtering.ADDRESS_AND_PORT_DEPENDENT;
            case NOT_RUN -> Filtering.UNKNOWN;
        };
    }

    private static Optional<InetSocketAddress> mappedOf(Optional<BindingReply> reply) {
        return reply.filter(BindingReply::success).flatMap(BindingReply::xorMapped);
    }

    private static Optional<Boolean> answer(Answer a) {
        return a == Answer.NOT_RUN ? Optional.empty() : Optional.of(a == Answer.ARRIVED);
    }
}
