package io.callready.reflector.stamp;

import io.callready.wire.stamp.ClassOfServiceTlv;
import io.callready.wire.stamp.StampReflectorPacket;

import java.nio.ByteBuffer;
import java.util.OptionalInt;

/**
 * The TLV part of a STAMP reply (RFC 8972 §4): the sender's TLVs after the 44-byte base are returned in the same
 * place, so the reply stays exactly as long as the request; a Class of Service TLV is filled in with the mark the
 * request arrived with.
 */
final class ReflectedTlvs {
    private ReflectedTlvs() {
    }

    /**
     * @param request the test packet between position and limit (not moved)
     * @param reply   the encoded base reply between 0 and limit, as long as the request or 44 bytes
     * @param tosSeen the TOS byte the request arrived with, or -1 when the kernel did not say
     * @return the TOS byte to send the reply with: the requested class, or 0 when none was asked for or the
     *         arrival mark is unknown (the TLV would otherwise report a DSCP nobody saw)
     */
    static int copy(ByteBuffer request, ByteBuffer reply, int tosSeen) {
        int length = request.remaining();
        if (length <= StampReflectorPacket.LENGTH) {
            return 0;
        }
        int start = request.position();
        for (int i = StampReflectorPacket.LENGTH; i < length; i++) {
            reply.put(i, request.get(start + i));
        }
        OptionalInt at = ClassOfServiceTlv.offsetOf(request, StampReflectorPacket.LENGTH);
        if (at.isEmpty() || tosSeen < 0) {
            return 0;
        }
        ClassOfServiceTlv asked = ClassOfServiceTlv.find(request, StampReflectorPacket.LENGTH).orElseThrow();
        asked.reflected(tosSeen, true).encode(reply.duplicate().position(at.getAsInt()));
        return asked.dscp1() << 2;
    }
}
