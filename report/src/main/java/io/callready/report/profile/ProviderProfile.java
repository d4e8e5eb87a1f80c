package io.callready.report.profile;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.callready.wire.plan.DurationText;
import io.callready.wire.plan.SipTransport;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a voice provider (or phone system) needs from a site network, as data. See the README section
 * "SIP readiness checks" for the file format.
 */
public record ProviderProfile(
        String name,
        String title,
        List<SipServer> sip,
        @JsonProperty("sip_host_transports") List<SipTransport> sipHostTransports,
        @JsonProperty("alternate_sip_port") Integer alternateSipPort,
        @JsonProperty("transport_preference") List<SipTransport> transportPreference,
        @JsonProperty("rtp_ports") PortRange rtpPorts,
        List<String> codecs,
        @JsonProperty("bandwidth_kbps_per_call") Map<String, Integer> bandwidthKbpsPerCall,
        Dscp dscp,
        @JsonProperty("keepalive_interval") @JsonDeserialize(using = DurationText.Deserializer.class) Duration keepaliveInterval,
        @JsonProperty("min_udp_timeout") @JsonDeserialize(using = DurationText.Deserializer.class) Duration minUdpTimeout,
        @JsonProperty("min_rtp_timeout") @JsonDeserialize(using = DurationText.Deserializer.class) Duration minRtpTimeout,
        @JsonProperty("other_ports") List<OtherPort> otherPorts,
        Map<String, Double> thresholds,
        List<Caveat> caveats) {

    public ProviderProfile {
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]{0,40}")) {
            throw new IllegalArgumentException("name must be lower-case letters, digits and dashes, got " + name);
        }
        title = title == null ? name : title;
        sip = sip == null ? List.of() : List.copyOf(sip);
        sipHostTransports = sipHostTransports == null || sipHostTransports.isEmpty()
                ? List.of(SipTransport.UDP, SipTransport.TCP) : List.copyOf(sipHostTransports);
        alternateSipPort = alternateSipPort == null ? 5160 : alternateSipPort;
        if (alternateSipPort < 1 || alternateSipPort > 65535) {
            throw new IllegalArgumentException("alternate_sip_port must be 1..65535, got " + alternateSipPort);
        }
        transportPreference = transportPreference == null ? List.of() : List.copyOf(transportPreference);
        codecs = codecs == null ? List.of() : List.copyOf(codecs);
        bandwidthKbpsPerCall = bandwidthKbpsPerCall == null ? Map.of() : Map.copyOf(bandwidthKbpsPerCall);
        otherPorts = otherPorts == null ? List.of() : List.copyOf(otherPorts);
        thresholds = thresholds == null ? Map.of() : Map.copyOf(thresholds);
        caveats = caveats == null ? List.of() : List.copyOf(caveats);
    }

    /** @param uri what a phone dials, e.g. {@code sip:sip.example.com}; @param transports default udp, tcp, tls */
    public record SipServer(String uri, List<SipTransport> transports) {
        public SipServer {
            if (uri == null || uri.isBlank()) {
                throw new IllegalArgumentException("uri is required (e.g. sip:sip.example.com)");
            }
            transports = transports == null || transports.isEmpty()
                    ? List.of(SipTransport.UDP, SipTransport.TCP, SipTransport.TLS) : List.copyOf(transports);
        }
    }

    public record PortRange(int from, int to) {
        public PortRange {
            if (from < 1 || to > 65535 || from > to) {
                throw new IllegalArgumentException("port range must satisfy 1 <= from <= to <= 65535, got " + from + ".." + to);
            }
        }
    }

    /** DSCP per traffic class: RTP (EF 46), SIP signalling (AF31 26, AF41 34 or CS3 24), video (AF41 34), any may be absent. */
    public record Dscp(Integer rtp, Integer sip, Integer video) {
        public Dscp {
            for (Integer d : new Integer[]{rtp, sip, video}) {
                if (d != null && (d < 0 || d > 63)) {
                    throw new IllegalArgumentException("DSCP values must be 0..63, got " + d);
                }
            }
        }
    }

    public record OtherPort(String host, int port, String protocol, String purpose) {
    }

    public record Caveat(String id, String text) {
    }

    public boolean hasCaveat(String id) {
        return caveats.stream().anyMatch(c -> c.id().equals(id));
    }

    public String caveatText(String id) {
        return caveats.stream().filter(c -> c.id().equals(id)).map(Caveat::text).findFirst().orElse("");
    }
}
