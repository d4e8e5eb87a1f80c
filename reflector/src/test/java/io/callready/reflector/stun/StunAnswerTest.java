package io.callready.reflector.stun;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StunAnswerTest {
    private static final InetSocketAddress CLIENT = new InetSocketAddress("203.0.113.9", 40000);
    private static final List<InetSocketAddress> ONE = List.of(new InetSocketAddress("198.51.100.1", 3478));
    private static final List<InetSocketAddress> FOUR = List.of(new InetSocketAddress("198.51.100.1", 3478),
            new InetSocketAddress("198.51.100.1", 3479), new InetSocketAddress("198.51.100.2", 3478),
            new InetSocketAddress("198.51.100.2", 3479));
    private static final byte[] TID = StunCodecTest.RFC5769_TRANSACTION;

    private static byte[] request(StunCodec.Attribute... attributes) {
        return StunCodec.write(StunCodec.BINDING_REQUEST, TID, List.of(attributes));
    }

    private static StunCodec.Attribute change(int flags) {
        return new StunCodec.Attribute(StunCodec.CHANGE_REQUEST, ByteBuffer.allocate(4).putInt(flags).array());
    }

    private static StunCodec.Message reply(StunAnswer.Reply r) {
        return StunCodec.parse(r.datagram(), r.datagram().length).orElseThrow();
    }

    private static InetSocketAddress addr(StunCodec.Message m, int type) {
        return StunCodec.readAddress(m.first(type).orElseThrow().value(), type == StunCodec.XOR_MAPPED_ADDRESS ? m.transactionId() : null).orElseThrow();
    }

    @Test
    void answersTheRfc5769SampleRequestWithTheSourceAddress() {
        byte[] req = StunCodecTest.RFC5769_REQUEST;
        StunAnswer.Reply r = StunAnswer.answer(req, req.length, CLIENT, ONE, 0).orElseThrow();
        StunCodec.Message m = reply(r);
        assertThat(m.type()).isEqualTo(StunCodec.BINDING_SUCCESS);
        assertThat(m.transactionId()).isEqualTo(TID);
        assertThat(addr(m, StunCodec.XOR_MAPPED_ADDRESS)).isEqualTo(CLIENT);
        assertThat(addr(m, StunCodec.MAPPED_ADDRESS)).isEqualTo(CLIENT);
        assertThat(addr(m, StunCodec.RESPONSE_ORIGIN)).isEqualTo(ONE.getFirst());
        assertThat(m.first(StunCodec.OTHER_ADDRESS)).isEmpty();
        assertThat(r.to()).isEqualTo(CLIENT);
        assertThat(r.datagram()).hasSize(20 + 12 * 3 + 8);
    }

    @Test
    void changeRequestPicksTheSocketAndOtherAddressIsTheOppositeCorner() {
        int[][] cases = {{0, 0}, {2, 1}, {4, 2}, {6, 3}};
        for (int[] c : cases) {
            byte[] req = request(change(c[0]));
            StunAnswer.Reply r = StunAnswer.answer(req, req.length, CLIENT, FOUR, 0).orElseThrow();
            assertThat(r.fromSocket()).as("flags %d", c[0]).isEqualTo(c[1]);
            StunCodec.Message m = reply(r);
            assertThat(addr(m, StunCodec.RESPONSE_ORIGIN)).isEqualTo(FOUR.get(c[1]));
            assertThat(addr(m, StunCodec.OTHER_ADDRESS)).isEqualTo(FOUR.get(3));
        }
        byte[] req = request(change(2));
        assertThat(StunAnswer.answer(req, req.length, CLIENT, FOUR, 2).orElseThrow().fromSocket()).isEqualTo(3);
        assertThat(addr(reply(StunAnswer.answer(req, req.length, CLIENT, FOUR, 2).orElseThrow()), StunCodec.OTHER_ADDRESS))
                .isEqualTo(FOUR.get(1));
    }

    @Test
    void responsePortSendsToTheSameSourceIpOnly() {
        byte[] req = request(new StunCodec.Attribute(StunCodec.RESPONSE_PORT, new byte[]{(byte) 0xC3, 0x50, 0, 0}));
        StunAnswer.Reply r = StunAnswer.answer(req, req.length, CLIENT, FOUR, 0).orElseThrow();
        assertThat(r.to()).isEqualTo(new InetSocketAddress(CLIENT.getAddress(), 50000));
        assertThat(addr(reply(r), StunCodec.XOR_MAPPED_ADDRESS)).isEqualTo(CLIENT);
    }

    @Test
    void changeRequestWithoutAnAlternateAndUnknownRequiredAttributesGet420() {
        byte[] req = request(change(6), new StunCodec.Attribute(0x7777, new byte[4]), new StunCodec.Attribute(0x8888, new byte[4]));
        StunAnswer.Reply r = StunAnswer.answer(req, req.length, CLIENT, ONE, 0).orElseThrow();
        StunCodec.Message m = reply(r);
        assertThat(m.type()).isEqualTo(StunCodec.BINDING_ERROR);
        assertThat(m.first(StunCodec.ERROR_CODE).orElseThrow().value()).startsWith(0, 0, 4, 20);
        assertThat(m.first(StunCodec.UNKNOWN_ATTRIBUTES).orElseThrow().value()).containsExactly(0x00, 0x03, 0x77, 0x77);
        assertThat(r.to()).isEqualTo(CLIENT);
    }

    @Test
    void badlySizedChangeRequestOrResponsePortZeroGet400() {
        for (byte[] req : List.of(request(new StunCodec.Attribute(StunCodec.CHANGE_REQUEST, new byte[2])),
                request(new StunCodec.Attribute(StunCodec.RESPONSE_PORT, new byte[4])))) {
            StunCodec.Message m = reply(StunAnswer.answer(req, req.length, CLIENT, FOUR, 0).orElseThrow());
            assertThat(m.first(StunCodec.ERROR_CODE).orElseThrow().value()).startsWith(0, 0, 4, 0);
        }
    }

    @Test
    void responsesIndicationsAndGarbageAreNotAnswered() {
        byte[] response = StunCodecTest.RFC5769_IPV4_RESPONSE;
        byte[] indication = StunCodec.write(0x0011, TID, List.of());
        byte[] garbage = "OPTIONS sip:x SIP/2.0\r\n\r\n".getBytes();
        for (byte[] b : List.of(response, indication, garbage)) {
            assertThat(StunAnswer.answer(b, b.length, CLIENT, FOUR, 0)).isEmpty();
        }
    }
}
