package io.callready.agent.probe.nat;

import io.callready.reflector.stun.StunAnswer;
import io.callready.reflector.stun.StunCodec;
import org.ice4j.message.Message;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ice4j's encoding checked against an independent implementation (the reflector's own codec) in both directions,
 * and ice4j's decoding against the RFC 5769 §2.2 vector.
 */
class StunExchangeTest {
    private static final InetSocketAddress CLIENT = new InetSocketAddress("203.0.113.9", 40000);
    private static final List<InetSocketAddress> FOUR = List.of(new InetSocketAddress("198.51.100.1", 3478),
            new InetSocketAddress("198.51.100.1", 3479), new InetSocketAddress("198.51.100.2", 3478),
            new InetSocketAddress("198.51.100.2", 3479));

    @Test
    void changeRequestAndResponsePortAsTheServerReadsThem() throws Exception {
        byte[] tid = StunExchange.newTransactionId();
        byte[] request = StunExchange.bindingRequest(tid, true, false, 50000);
        StunCodec.Message parsed = StunCodec.parse(request, request.length).orElseThrow();
        assertThat(parsed.type()).isEqualTo(StunCodec.BINDING_REQUEST);
        assertThat(parsed.first(StunCodec.CHANGE_REQUEST).orElseThrow().value()).containsExactly(0, 0, 0, 4);
        assertThat(parsed.first(StunCodec.RESPONSE_PORT).orElseThrow().value()).containsExactly(0xC3, 0x50, 0, 0);

        StunAnswer.Reply answer = StunAnswer.answer(request, request.length, CLIENT, FOUR, 0).orElseThrow();
        assertThat(answer.fromSocket()).isEqualTo(2);
        assertThat(answer.to()).isEqualTo(new InetSocketAddress(CLIENT.getAddress(), 50000));
        Message m = Message.decode(answer.datagram(), 0, answer.datagram().length);
        BindingReply reply = StunExchange.reply(m, FOUR.get(2), 5);
        assertThat(reply.success()).isTrue();
        assertThat(reply.xorMapped()).contains(CLIENT);
        assertThat(reply.mapped()).contains(CLIENT);
        assertThat(reply.mappedRewritten()).isFalse();
        assertThat(reply.responseOrigin()).contains(FOUR.get(2));
        assertThat(reply.otherAddress()).contains(FOUR.get(3));
    }

    @Test
    void errorAnswersCarryTheirCode() throws Exception {
        byte[] request = StunExchange.bindingRequest(StunExchange.newTransactionId(), true, true, 0);
        StunAnswer.Reply answer = StunAnswer.answer(request, request.length, CLIENT, FOUR.subList(0, 1), 0).orElseThrow();
        BindingReply reply = StunExchange.reply(Message.decode(answer.datagram(), 0, answer.datagram().length), FOUR.get(0), 5);
        assertThat(reply.errorCode()).isEqualTo(420);
        assertThat(reply.success()).isFalse();
    }

    @Test
    void readsTheRfc5769Ipv4Response() throws Exception {
        byte[] v = HexFormat.of().parseHex(("0101003c2112a442b7e7a701bc34d686fa87dfae8022000b7465737420766563746f7220"
                + "002000080001a147e112a64300080014 2b91f599fd9e90c38c7489f92af9ba53f06be7d780280004c07d4c96").replace(" ", ""));
        BindingReply reply = StunExchange.reply(Message.decode(v, 0, v.length), CLIENT, 1);
        assertThat(reply.xorMapped()).contains(new InetSocketAddress("192.0.2.1", 32853));
        assertThat(reply.mapped()).isEmpty();
    }

    @Test
    void decodesRfc5780AddressesOfBothFamiliesAndRefusesOddSizes() {
        assertThat(StunExchange.decodeAddress(HexFormat.of().parseHex("00010d96c6336401")))
                .contains(new InetSocketAddress("198.51.100.1", 3478));
        assertThat(StunExchange.decodeAddress(HexFormat.of().parseHex("00020d9620010db8000000000000000000000001")))
                .contains(new InetSocketAddress("2001:db8::1", 3478));
        assertThat(StunExchange.decodeAddress(new byte[7])).isEmpty();
        assertThat(StunExchange.decodeAddress(HexFormat.of().parseHex("00020d96c6336401"))).isEmpty();
    }
}
