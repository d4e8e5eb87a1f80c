package io.callready.reflector.stun;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 5769 test vectors: §2.1 sample request, §2.2 IPv4 response, §2.3 IPv6 response. */
class StunCodecTest {
    static final byte[] RFC5769_TRANSACTION = HexFormat.of().parseHex("b7e7a701bc34d686fa87dfae");

    static final byte[] RFC5769_REQUEST = hex("""
            00 01 00 58 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86
            fa 87 df ae 80 22 00 10 53 54 55 4e 20 74 65 73
            74 20 63 6c 69 65 6e 74 00 24 00 04 6e 00 01 ff
            80 29 00 08 93 2f f9 b1 51 26 3b 36 00 06 00 09
            65 76 74 6a 3a 68 36 76 59 20 20 20 00 08 00 14
            9a ea a7 0c bf d8 cb 56 78 1e f2 b5 b2 d3 f2 49
            c1 b5 71 a2 80 28 00 04 e5 7a 3b cf""");

    static final byte[] RFC5769_IPV4_RESPONSE = hex("""
            01 01 00 3c 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86
            fa 87 df ae 80 22 00 0b 74 65 73 74 20 76 65 63
            74 6f 72 20 00 20 00 08 00 01 a1 47 e1 12 a6 43
            00 08 00 14 2b 91 f5 99 fd 9e 90 c3 8c 74 89 f9
            2a f9 ba 53 f0 6b e7 d7 80 28 00 04 c0 7d 4c 96""");

    static final byte[] RFC5769_IPV6_RESPONSE = hex("""
            01 01 00 48 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86
            fa 87 df ae 80 22 00 0b 74 65 73 74 20 76 65 63
            74 6f 72 20 00 20 00 14 00 02 a1 47 01 13 a9 fa
            a5 d3 f1 79 bc 25 f4 b5 be d2 b9 d9 00 08 00 14
            a3 82 95 4e 4b e6 7b f1 17 84 c9 7c 82 92 c2 75
            bf e3 ed 41 80 28 00 04 c8 fb 0b 4c""");

    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replaceAll("\\s", ""));
    }

    @Test
    void parsesTheSampleRequestAndChecksItsFingerprint() {
        StunCodec.Message m = StunCodec.parse(RFC5769_REQUEST, RFC5769_REQUEST.length).orElseThrow();
        assertThat(m.type()).isEqualTo(StunCodec.BINDING_REQUEST);
        assertThat(m.transactionId()).isEqualTo(RFC5769_TRANSACTION);
        assertThat(m.attributes()).extracting(StunCodec.Attribute::type)
                .containsExactly(0x8022, 0x0024, 0x8029, 0x0006, 0x0008, StunCodec.FINGERPRINT);
        assertThat(new String(m.first(0x0006).orElseThrow().value())).isEqualTo("evtj:h6vY");
    }

    @Test
    void aWrongFingerprintIsNotStun() {
        byte[] bad = RFC5769_REQUEST.clone();
        bad[bad.length - 1] ^= 1;
        assertThat(StunCodec.parse(bad, bad.length)).isEmpty();
    }

    @Test
    void decodesTheIpv4AndIpv6XorMappedAddresses() {
        StunCodec.Message v4 = StunCodec.parse(RFC5769_IPV4_RESPONSE, RFC5769_IPV4_RESPONSE.length).orElseThrow();
        assertThat(StunCodec.readAddress(v4.first(StunCodec.XOR_MAPPED_ADDRESS).orElseThrow().value(), v4.transactionId()))
                .contains(new InetSocketAddress("192.0.2.1", 32853));
        StunCodec.Message v6 = StunCodec.parse(RFC5769_IPV6_RESPONSE, RFC5769_IPV6_RESPONSE.length).orElseThrow();
        assertThat(StunCodec.readAddress(v6.first(StunCodec.XOR_MAPPED_ADDRESS).orElseThrow().value(), v6.transactionId()))
                .contains(new InetSocketAddress("2001:db8:1234:5678:11:2233:4455:6677", 32853));
    }

    @Test
    void encodesXorMappedAddressesAsTheVectorsDo() {
        assertThat(StunCodec.xorAddress(new InetSocketAddress("192.0.2.1", 32853), RFC5769_TRANSACTION))
                .isEqualTo(hex("0001a147e112a643"));
        assertThat(StunCodec.xorAddress(new InetSocketAddress("2001:db8:1234:5678:11:2233:4455:6677", 32853), RFC5769_TRANSACTION))
                .isEqualTo(hex("0002a1470113a9faa5d3f179bc25f4b5bed2b9d9"));
    }

    @Test
    void writtenMessagesCarryAValidFingerprintAndRoundTrip() {
        byte[] out = StunCodec.write(StunCodec.BINDING_SUCCESS, RFC5769_TRANSACTION,
                List.of(new StunCodec.Attribute(StunCodec.MAPPED_ADDRESS, StunCodec.address(new InetSocketAddress("198.51.100.7", 5060))),
                        new StunCodec.Attribute(StunCodec.ERROR_CODE, StunCodec.errorCode(420, "Unknown Attribute"))));
        StunCodec.Message m = StunCodec.parse(out, out.length).orElseThrow();
        assertThat(StunCodec.readAddress(m.first(StunCodec.MAPPED_ADDRESS).orElseThrow().value(), null))
                .contains(new InetSocketAddress("198.51.100.7", 5060));
        assertThat(m.first(StunCodec.ERROR_CODE).orElseThrow().value()).startsWith(0, 0, 4, 20);
        assertThat(out.length % 4).isZero();
    }

    @Test
    void malformedFramingIsNotStun() {
        byte[] shortBody = RFC5769_REQUEST.clone();
        shortBody[3] = 0x54;
        byte[] cookie = RFC5769_REQUEST.clone();
        cookie[4] = 0x22;
        byte[] topBits = RFC5769_REQUEST.clone();
        topBits[0] = (byte) 0x80;
        byte[] overrun = hex("000100082112a442b7e7a701bc34d686fa87dfae 0003 0008 00000006");
        for (byte[] b : List.of(shortBody, cookie, topBits, overrun, new byte[19], new byte[0])) {
            assertThat(StunCodec.parse(b, b.length)).isEmpty();
        }
        assertThat(StunCodec.parse(RFC5769_REQUEST, RFC5769_REQUEST.length - 1)).isEmpty();
    }
}
