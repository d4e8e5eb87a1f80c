package io.callready.wire.stamp;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RFC 8972 §4.4 layout, checked against bytes computed by hand. */
class ClassOfServiceTlvTest {
    @Test
    void aRequestForEfIsTheBytesOfTheRfcLayout() {
        ByteBuffer b = ByteBuffer.allocate(8);
        ClassOfServiceTlv.request(46).encode(b);
        // flags 0, type 3, length 4; DSCP1 46 = 101110 in the top 6 bits: 1011 1000 0000 0000 = 0xB800
        assertThat(b.array()).containsExactly(0, 3, 0, 4, 0xB8, 0x00, 0, 0);
    }

    @Test
    void theReflectedTlvCarriesTheArrivalMarkAndEcn() {
        // asked AF41 34, arrived as EF 46 with ECN CE (TOS 0xBB): 100010 101110 11 00 = 0x8AEC
        ClassOfServiceTlv r = ClassOfServiceTlv.request(34).reflected(0xBB, true);
        ByteBuffer b = ByteBuffer.allocate(8);
        r.encode(b);
        assertThat(b.array()).containsExactly(0, 3, 0, 4, 0x8A, 0xEC, 0, 0);
        assertThat(ClassOfServiceTlv.find(b.flip(), 0)).contains(new ClassOfServiceTlv(0, 34, 46, 3, 0));
        assertThat(ClassOfServiceTlv.request(34).reflected(0, false).rp()).as("RP 1: DSCP1 not used").isEqualTo(1);
    }

    @Test
    void findStepsOverOtherTlvsAndStopsAtOneThatRunsPastTheEnd() {
        ByteBuffer b = ByteBuffer.allocate(44 + 8 + 8);
        b.position(44);
        b.put(new byte[]{0, 1, 0, 4, 9, 9, 9, 9});
        b.put(new byte[]{0, 3, 0, 4, (byte) 0x68, 0, 0, 0});
        assertThat(ClassOfServiceTlv.find(b.flip(), 44)).map(ClassOfServiceTlv::dscp1).contains(26);
        assertThat(ClassOfServiceTlv.offsetOf(b, 44)).hasValue(52);

        ByteBuffer truncated = ByteBuffer.allocate(44 + 8);
        truncated.position(44);
        truncated.put(new byte[]{0, 1, 0, 40, 0, 3, 0, 4});
        assertThat(ClassOfServiceTlv.find(truncated.flip(), 44)).isEmpty();
        assertThat(ClassOfServiceTlv.find(ByteBuffer.allocate(44), 44)).as("no TLV at all").isEmpty();
    }

    @Test
    void fieldsOutOfRangeAreRefused() {
        assertThatThrownBy(() -> ClassOfServiceTlv.request(64)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClassOfServiceTlv(0, 1, 1, 4, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
