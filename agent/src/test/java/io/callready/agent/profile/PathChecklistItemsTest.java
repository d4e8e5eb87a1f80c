package io.callready.agent.profile;

import com.fasterxml.jackson.databind.JsonNode;
import io.callready.agent.profile.CheckItem.Status;
import io.callready.report.profile.ProviderProfile;
import io.callready.wire.Json;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class PathChecklistItemsTest {
    private static final ProviderProfile.Dscp DIALSTACK = new ProviderProfile.Dscp(46, 26, null);

    private static JsonNode classes(String json) throws Exception {
        return Json.newMapper().readTree("{\"classes\": [" + json + "]}");
    }

    @Test
    void classesAreTheProfilesWithTheControlLast() {
        assertThat(PathChecklistItems.classesOf(DIALSTACK)).containsExactly(46, 26, 0);
        assertThat(PathChecklistItems.classesOf(new ProviderProfile.Dscp(46, 34, 34))).containsExactly(46, 34, 0);
    }

    @Test
    void bleachedBeyondTheRouterWarnsAndARemarkedVoiceClassOrALanChangeFails() throws Exception {
        assertThat(PathChecklistItems.dscpStatus(DIALSTACK, classes(
                "{\"dscp\": 46, \"up\": \"bleached\", \"down\": \"preserved\", \"where_up\": \"unknown\", \"where_down\": \"none\"}")))
                .isEqualTo(Status.WARN);
        assertThat(PathChecklistItems.dscpStatus(DIALSTACK, classes(
                "{\"dscp\": 26, \"up\": \"remarked\", \"down\": \"preserved\", \"where_up\": \"beyond_router\", \"where_down\": \"none\"}")))
                .isEqualTo(Status.FAIL);
        assertThat(PathChecklistItems.dscpStatus(DIALSTACK, classes(
                "{\"dscp\": 46, \"up\": \"bleached\", \"down\": \"preserved\", \"where_up\": \"lan\", \"where_down\": \"none\"}")))
                .as("the customer's own network bleaches: fixable, so a failure").isEqualTo(Status.FAIL);
        assertThat(PathChecklistItems.dscpStatus(DIALSTACK, classes(
                "{\"dscp\": 34, \"up\": \"remarked\", \"down\": \"preserved\", \"where_up\": \"unknown\", \"where_down\": \"none\"}")))
                .as("a class the profile does not use for voice").isEqualTo(Status.WARN);
    }

    /** RFC 5769 §2.2: the sample IPv4 Binding success response maps to 192.0.2.1:32853. */
    @Test
    void stunMappedAddressFromTheRfc5769TestVector() {
        byte[] m = HexFormat.of().parseHex(
                "0101003c2112a442b7e7a701bc34d686fa87dfae"
                        + "8022000b7465737420766563746f7220"
                        + "002000080001a147e112a643"
                        + "000800142b91f599fd9e90c38c7489f92af9ba53f06be7d7"
                        + "80280004c07d4c96");
        byte[] tid = HexFormat.of().parseHex("b7e7a701bc34d686fa87dfae");
        assertThat(UdpDestinationCheck.mappedAddress(ByteBuffer.wrap(m), tid)).isEqualTo(new InetSocketAddress("192.0.2.1", 32853));
        tid[0] ^= 1;
        assertThat(UdpDestinationCheck.mappedAddress(ByteBuffer.wrap(m), tid)).as("another transaction's response").isNull();
    }

    @Test
    void aUdpServiceThatAnswersNothingIsAWarningThatSaysSo() {
        CheckItem item = UdpDestinationCheck.item(new ProviderProfile.OtherPort("media.example.net", 5000, "udp", "media relay"),
                new CheckOptions(null, 5060, null, null, CheckOptions.DEFAULT_SIP_TIMEOUT));
        assertThat(item.status()).isEqualTo(Status.WARN);
        assertThat(item.evidence()).contains("UDP has no handshake");
        CheckItem noHost = UdpDestinationCheck.item(new ProviderProfile.OtherPort(null, 3478, "udp", "STUN"),
                new CheckOptions(null, 5060, null, null, CheckOptions.DEFAULT_SIP_TIMEOUT));
        assertThat(noHost.status()).isEqualTo(Status.WARN);
        assertThat(noHost.evidence()).contains("names no STUN host");
    }
}
