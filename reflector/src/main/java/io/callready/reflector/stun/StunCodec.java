package io.callready.reflector.stun;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The STUN wire format (RFC 8489 §5, §14) as far as a Binding server needs it: parsing a request into its
 * attributes and writing a response. Parsing never throws; anything that is not a well-framed STUN message is
 * {@link Optional#empty()}, so the server drops it without answering.
 */
public final class StunCodec {
    public static final int MAGIC_COOKIE = 0x2112A442;
    public static final int HEADER_BYTES = 20;
    public static final int BINDING_REQUEST = 0x0001;
    public static final int BINDING_SUCCESS = 0x0101;
    public static final int BINDING_ERROR = 0x0111;

    public static final int MAPPED_ADDRESS = 0x0001;
    public static final int CHANGE_REQUEST = 0x0003;
    public static final int ERROR_CODE = 0x0009;
    public static final int UNKNOWN_ATTRIBUTES = 0x000A;
    public static final int XOR_MAPPED_ADDRESS = 0x0020;
    public static final int RESPONSE_PORT = 0x0027;
    public static final int FINGERPRINT = 0x8028;
    public static final int RESPONSE_ORIGIN = 0x802B;
    public static final int OTHER_ADDRESS = 0x802C;

    private static final int FINGERPRINT_XOR = 0x5354554E;

    private StunCodec() {
    }

    /** One attribute as it was on the wire (value without padding). */
    public record Attribute(int type, byte[] value) {
        /** RFC 8489 §14: types 0x0000–0x7FFF must be understood by the receiver. */
        public boolean comprehensionRequired() {
            return type < 0x8000;
        }
    }

    /** A parsed message: type, the 12-byte transaction id, its attributes in order. */
    public record Message(int type, byte[] transactionId, List<Attribute> attributes) {
        public Optional<Attribute> first(int attributeType) {
            return attributes.stream().filter(a -> a.type() == attributeType).findFirst();
        }
    }

    /**
     * Parses one datagram. Empty when it is not STUN (top two bits set, wrong cookie, length not a multiple of 4 or
     * not matching the datagram, an attribute overrunning the message) or when a FINGERPRINT is present and wrong.
     */
    public static Optional<Message> parse(byte[] datagram, int length) {
        if (length < HEADER_BYTES || length > datagram.length) return Optional.empty();
        ByteBuffer b = ByteBuffer.wrap(datagram, 0, length);
        int type = b.getShort() & 0xFFFF;
        int bodyBytes = b.getShort() & 0xFFFF;
        if ((type & 0xC000) != 0 || b.getInt() != MAGIC_COOKIE) return Optional.empty();
        if (bodyBytes % 4 != 0 || HEADER_BYTES + bodyBytes != length) return Optional.empty();
        byte[] tid = new byte[12];
        b.get(tid);
        List<Attribute> attributes = new ArrayList<>();
        while (b.remaining() > 0) {
            int start = b.position();
            if (b.remaining() < 4) return Optional.empty();
            int attrType = b.getShort() & 0xFFFF;
            int attrLength = b.getShort() & 0xFFFF;
            int padded = (attrLength + 3) & ~3;
            if (padded > b.remaining()) return Optional.empty();
            byte[] value = new byte[attrLength];
            b.get(value);
            b.position(b.position() + padded - attrLength);
            if (attrType == FINGERPRINT) {
                if (attrLength != 4 || b.remaining() != 0) return Optional.empty();
                if (ByteBuffer.wrap(value).getInt() != fingerprint(datagram, start)) return Optional.empty();
            }
            attributes.add(new Attribute(attrType, value));
        }
        return Optional.of(new Message(type, tid, List.copyOf(attributes)));
    }

    /** CRC-32 of the message up to (not including) the FINGERPRINT attribute at {@code fingerprintOffset}, XOR 0x5354554E. */
    static int fingerprint(byte[] message, int fingerprintOffset) {
        CRC32 crc = new CRC32();
        crc.update(message, 0, fingerprintOffset);
        return (int) crc.getValue() ^ FINGERPRINT_XOR;
    }

    /** MAPPED-ADDRESS / RESPONSE-ORIGIN / OTHER-ADDRESS value (RFC 8489 §14.1). */
    public static byte[] address(InetSocketAddress a) {
        byte[] ip = a.getAddress().getAddress();
        ByteBuffer b = ByteBuffer.allocate(4 + ip.length);
        b.put((byte) 0).put((byte) (ip.length == 4 ? 1 : 2)).putShort((short) a.getPort()).put(ip);
        return b.array();
    }

    /** XOR-MAPPED-ADDRESS value (RFC 8489 §14.2): port XOR the cookie's top half, address XOR cookie + transaction id. */
    public static byte[] xorAddress(InetSocketAddress a, byte[] transactionId) {
        byte[] v = address(a);
        byte[] key = xorKey(transactionId);
        v[2] ^= key[0];
        v[3] ^= key[1];
        for (int i = 4; i < v.length; i++) v[i] ^= key[i - 4];
        return v;
    }

    /** Reads an address attribute value written by {@link #address} (or, with a transaction id, {@link #xorAddress}). */
    public static Optional<InetSocketAddress> readAddress(byte[] value, byte[] xorTransactionId) {
        int ipBytes = value.length == 8 ? 4 : value.length == 20 ? 16 : -1;
        if (ipBytes < 0 || value[1] != (ipBytes == 4 ? 1 : 2)) return Optional.empty();
        byte[] v = value.clone();
        if (xorTransactionId != null) {
            byte[] key = xorKey(xorTransactionId);
            v[2] ^= key[0];
            v[3] ^= key[1];
            for (int i = 4; i < v.length; i++) v[i] ^= key[i - 4];
        }
        int port = ((v[2] & 0xFF) << 8) | (v[3] & 0xFF);
        try {
            InetAddress ip = InetAddress.getByAddress(java.util.Arrays.copyOfRange(v, 4, 4 + ipBytes));
            return Optional.of(new InetSocketAddress(ip, port));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static byte[] xorKey(byte[] transactionId) {
        return ByteBuffer.allocate(16).putInt(MAGIC_COOKIE).put(transactionId).array();
    }

    /** ERROR-CODE value (RFC 8489 §14.8). */
    public static byte[] errorCode(int code, String reason) {
        byte[] text = reason.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + text.length).putShort((short) 0).put((byte) (code / 100)).put((byte) (code % 100))
                .put(text).array();
    }

    /** UNKNOWN-ATTRIBUTES value: the 16-bit types. */
    public static byte[] unknownAttributes(List<Integer> types) {
        ByteBuffer b = ByteBuffer.allocate(2 * types.size());
        types.forEach(t -> b.putShort((short) (int) t));
        return b.array();
    }

    /** Writes a message with the given attributes and a FINGERPRINT at the end. */
    public static byte[] write(int type, byte[] transactionId, List<Attribute> attributes) {
        int body = 8;
        for (Attribute a : attributes) body += 4 + ((a.value().length + 3) & ~3);
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES + body);
        b.putShort((short) type).putShort((short) body).putInt(MAGIC_COOKIE).put(transactionId);
        for (Attribute a : attributes) {
            b.putShort((short) a.type()).putShort((short) a.value().length).put(a.value());
            b.position(b.position() + (((a.value().length + 3) & ~3) - a.value().length));
        }
        int fingerprintAt = b.position();
        b.putShort((short) FINGERPRINT).putShort((short) 4).putInt(fingerprint(b.array(), fingerprintAt));
        return b.array();
    }
}
