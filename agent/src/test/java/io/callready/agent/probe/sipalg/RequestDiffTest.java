package io.callready.agent.probe.sipalg;

import io.callready.wire.plan.SipTransport;
import io.callready.wire.sip.SipMessage;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RequestDiffTest {
    private static final InetSocketAddress SITE = new InetSocketAddress("192.168.1.2", 5060);

    @Test
    void identicalRequestHasNoRewrites() throws Exception {
        SipMessage sent = AlgTestRequest.build(SipTransport.UDP, SITE, "203.0.113.10:5060");
        assertThat(RequestDiff.diff(sent, SipMessage.parse(sent.encode()))).isEmpty();
    }

    @Test
    void aLinuxStyleAlgRewriteIsListedHeaderByHeaderWithPortOnlyChangesMarked() throws Exception {
        SipMessage sent = AlgTestRequest.build(SipTransport.UDP, SITE, "203.0.113.10:5060");
        String wire = new String(sent.encode(), StandardCharsets.UTF_8)
                .replace("192.168.1.2:5060", "203.0.113.2:5060")
                .replace("IN IP4 192.168.1.2", "IN IP4 203.0.113.2")
                .replace("m=audio 40000", "m=audio 40002");
        SipMessage arrived = SipMessage.parse(wire.getBytes(StandardCharsets.UTF_8));
        List<Rewrite> rewrites = RequestDiff.diff(sent, arrived);
        assertThat(rewrites).extracting(Rewrite::where).containsExactly("Via", "From", "Contact", "sdp o=", "sdp c=", "sdp m=");
        assertThat(rewrites).filteredOn(r -> r.where().equals("sdp m=")).singleElement().satisfies(r -> {
            assertThat(r.portOnly()).isTrue();
            assertThat(r.sent()).startsWith("m=audio 40000");
            assertThat(r.arrived()).startsWith("m=audio 40002");
        });
        assertThat(rewrites).filteredOn(r -> r.where().equals("Via")).singleElement().satisfies(r -> {
            assertThat(r.portOnly()).isFalse();
            assertThat(r.arrived()).contains("203.0.113.2:5060");
        });
    }

    @Test
    void addedAndRemovedHeadersAreRewritesToo() throws Exception {
        SipMessage sent = AlgTestRequest.build(SipTransport.UDP, SITE, "203.0.113.10:5060");
        String wire = new String(sent.encode(), StandardCharsets.UTF_8)
                .replaceFirst("Max-Forwards: 70\r\n", "")
                .replaceFirst("Via: ", "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKproxy\r\nVia: ");
        List<Rewrite> rewrites = RequestDiff.diff(sent, SipMessage.parse(wire.getBytes(StandardCharsets.UTF_8)));
        assertThat(rewrites).anySatisfy(r -> {
            assertThat(r.where()).isEqualTo("Max-Forwards");
            assertThat(r.arrived()).isNull();
        });
        assertThat(rewrites).filteredOn(r -> r.where().equals("Via")).hasSize(2);
    }
}
