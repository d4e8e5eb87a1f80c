package io.callready.agent.probe.nat;

import io.callready.agent.probe.nat.NatObservations.Answer;
import io.callready.agent.probe.nat.NatVerdict.Filtering;
import io.callready.agent.probe.nat.NatVerdict.Mapping;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetSocketAddress;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The RFC 5780 §4.3/§4.4 decision tree, row by row. */
class NatClassifierTest {
    private static final InetSocketAddress LOCAL = new InetSocketAddress("192.168.1.2", 40000);

    private static Optional<BindingReply> mapped(String hostPort) {
        if (hostPort.equals("-")) return Optional.empty();
        String[] p = hostPort.split(":");
        InetSocketAddress a = new InetSocketAddress(p[0], Integer.parseInt(p[1]));
        return Optional.of(new BindingReply(a, Optional.of(a), Optional.of(a), Optional.empty(), Optional.empty(), 0, 1));
    }

    @ParameterizedTest(name = "{0} | {1} | {2} | {3} {4} {5} -> {6} {7} preserved={8} hairpin={9}")
    @CsvSource({
            // test I,               test II,              test III,             changeBoth, changePort, hairpin,  mapping,                    filtering,                  preserved, hairpin
            "203.0.113.1:40000,     203.0.113.1:40000,    -,                    NONE,       NONE,       NONE,     ENDPOINT_INDEPENDENT,       ADDRESS_AND_PORT_DEPENDENT, true,      false",
            "203.0.113.1:40000,     203.0.113.1:40000,    -,                    ARRIVED,    NOT_RUN,    ARRIVED,  ENDPOINT_INDEPENDENT,       ENDPOINT_INDEPENDENT,       true,      true",
            "203.0.113.1:51000,     203.0.113.1:51000,    -,                    NONE,       ARRIVED,    NONE,     ENDPOINT_INDEPENDENT,       ADDRESS_DEPENDENT,          false,     false",
            "203.0.113.1:51000,     203.0.113.1:52000,    203.0.113.1:52000,    NONE,       NONE,       NONE,     ADDRESS_DEPENDENT,          ADDRESS_AND_PORT_DEPENDENT, false,     false",
            "203.0.113.1:51000,     203.0.113.1:52000,    203.0.113.1:53000,    NONE,       NONE,       NONE,     ADDRESS_AND_PORT_DEPENDENT, ADDRESS_AND_PORT_DEPENDENT, false,     false",
            "203.0.113.1:51000,     -,                    -,                    NONE,       NONE,       NONE,     UNKNOWN,                    ADDRESS_AND_PORT_DEPENDENT, false,     false",
            "203.0.113.1:51000,     203.0.113.1:52000,    -,                    NOT_RUN,    NOT_RUN,    NOT_RUN,  UNKNOWN,                    UNKNOWN,                    false,     unknown",
            "192.168.1.2:40000,     -,                    -,                    ARRIVED,    NOT_RUN,    NOT_RUN,  NO_NAT,                     ENDPOINT_INDEPENDENT,       unknown,   unknown",
    })
    void decisionTree(String t1, String t2, String t3, Answer changeBoth, Answer changePort, Answer hairpin,
                      Mapping mapping, Filtering filtering, String preserved, String hairpinning) {
        NatVerdict v = NatClassifier.classify(new NatObservations(LOCAL, mapped(t1), mapped(t2), mapped(t3), changeBoth, changePort,
                hairpin, true));
        assertThat(v.mapping()).isEqualTo(mapping);
        assertThat(v.filtering()).isEqualTo(filtering);
        assertThat(v.portPreserved().map(String::valueOf).orElse("unknown")).isEqualTo(preserved);
        assertThat(v.hairpinning().map(String::valueOf).orElse("unknown")).isEqualTo(hairpinning);
        assertThat(v.publicAddress()).isEqualTo(mapped(t1).flatMap(BindingReply::xorMapped));
    }

    @Test
    void withoutOtherAddressOnlyThePublicAddressAndPortAreKnown() {
        NatVerdict v = NatClassifier.classify(new NatObservations(LOCAL, mapped("203.0.113.1:40000"), Optional.empty(), Optional.empty(),
                Answer.NOT_RUN, Answer.NOT_RUN, Answer.NOT_RUN, false));
        assertThat(v.mapping()).isEqualTo(Mapping.UNKNOWN);
        assertThat(v.filtering()).isEqualTo(Filtering.UNKNOWN);
        assertThat(v.portPreserved()).contains(true);
        assertThat(v.mappedRewritten()).isFalse();
    }

    @Test
    void aMappedAddressUnlikeTheXorMappedOneIsARewrite() {
        InetSocketAddress xor = new InetSocketAddress("203.0.113.1", 40000);
        BindingReply rewritten = new BindingReply(xor, Optional.of(xor), Optional.of(new InetSocketAddress("192.168.1.2", 40000)),
                Optional.empty(), Optional.empty(), 0, 1);
        NatVerdict v = NatClassifier.classify(new NatObservations(LOCAL, Optional.of(rewritten), Optional.empty(), Optional.empty(),
                Answer.NOT_RUN, Answer.NOT_RUN, Answer.NOT_RUN, false));
        assertThat(v.mappedRewritten()).isTrue();
    }

    @Test
    void noAnswerMeansNothingIsKnown() {
        NatVerdict v = NatClassifier.classify(new NatObservations(LOCAL, Optional.empty(), Optional.empty(), Optional.empty(),
                Answer.NOT_RUN, Answer.NOT_RUN, Answer.NOT_RUN, false));
        assertThat(v).isEqualTo(new NatVerdict(Mapping.UNKNOWN, Filtering.UNKNOWN, Optional.empty(), Optional.empty(), Optional.empty(), false));
    }
}
