package io.callready.wire.plan;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import java.time.Duration;
import java.util.List;

/**
 * Large-UDP-SIP test against a CallReady reflector's SIP responder: OPTIONS padded to each size of a ladder,
 * sent with fragmentation allowed and with the don't-fragment bit set; the responder says how many bytes arrived.
 *
 * @param reflector reflector host
 * @param port      responder UDP port; default 5060
 * @param sizes     SIP message sizes in bytes (UDP payload); default 1200, 1400, 1472, 1500, 2000, 4000
 * @param timeout   wait for each answer; default 1s (each size is tried up to twice)
 */
public record SipFragmentationSpec(
        String name,
        @JsonDeserialize(using = DurationText.Deserializer.class)
        @JsonSerialize(using = DurationText.Serializer.class)
        Duration interval,
        String reflector,
        Integer port,
        List<Integer> sizes,
        @JsonDeserialize(using = DurationText.Deserializer.class)
        @JsonSerialize(using = DurationText.Serializer.class)
        Duration timeout) implements ProbeSpec {

    public static final List<Integer> DEFAULT_SIZES = List.of(1200, 1400, 1472, 1500, 2000, 4000);

    public SipFragmentationSpec {
        if (reflector == null || reflector.isBlank()) {
            throw new IllegalArgumentException("reflector is required (the reflector's host)");
        }
        if (name == null || name.isBlank()) {
            name = "sip-fragmentation-" + reflector;
        }
        interval = interval == null ? Duration.ofHours(1) : interval;
        port = port == null ? SipAlgSpec.DEFAULT_PORT : port;
        sizes = sizes == null || sizes.isEmpty() ? DEFAULT_SIZES : sizes.stream().sorted().toList();
        timeout = timeout == null ? Duration.ofSeconds(1) : timeout;
        SpecChecks.interval(interval);
        // each size is tried up to three times in each of two modes: a long wait multiplies
        SpecChecks.timeout(timeout, Duration.ofSeconds(10));
        SipAlgSpec.checkPort("port", port);
        for (int size : sizes) {
            if (size < 400 || size > 65000) {
                throw new IllegalArgumentException("sizes must be 400..65000 bytes, got " + size);
            }
        }
    }
}
