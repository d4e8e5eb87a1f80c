package io.callready.agent.profile;

import io.callready.report.profile.ProfileException;
import io.callready.report.profile.ProfileLoader;
import io.callready.report.profile.ProviderProfile;
import io.callready.wire.plan.SipTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProfileLoaderTest {
    private static final Path INVALID = Path.of("src/test/resources/profiles/invalid");
    private final ProfileLoader loader = new ProfileLoader();

    @Test
    void everyBuiltInProfileLoadsWithTheSeedsFacts() throws Exception {
        for (String name : ProfileLoader.BUILT_IN) {
            assertThat(loader.load(name).name()).isEqualTo(name);
        }
        ProviderProfile smartalex = loader.load("smartalex");
        assertThat(smartalex.sip()).singleElement().satisfies(s -> {
            assertThat(s.uri()).isEqualTo("sip:sip.voice.getsmartalex.com");
            assertThat(s.transports()).containsExactly(SipTransport.UDP, SipTransport.TCP, SipTransport.TLS);
        });
        assertThat(smartalex.rtpPorts()).isEqualTo(new ProviderProfile.PortRange(10000, 60000));
        assertThat(smartalex.hasCaveat("tls_certificate_for_ingress")).isTrue();
        ProviderProfile dialstack = loader.load("dialstack");
        assertThat(dialstack.keepaliveInterval().toSeconds()).isEqualTo(20);
        assertThat(dialstack.minUdpTimeout().toSeconds()).isEqualTo(60);
        assertThat(dialstack.dscp().sip()).isEqualTo(26);
        assertThat(loader.load("3cx").rtpPorts()).isEqualTo(new ProviderProfile.PortRange(9000, 9255));
        assertThat(loader.load("flowroute").alternateSipPort()).isEqualTo(5160);
        assertThat(loader.load("hosted-pbx").transportPreference()).containsExactly(SipTransport.TLS, SipTransport.TCP, SipTransport.UDP);
    }

    @Test
    void unknownNameListsTheBuiltInsAndUserFilesLoadByPath() throws Exception {
        assertThatThrownBy(() -> loader.load("acme")).hasMessageContaining("no built-in profile 'acme'").hasMessageContaining("dialstack");
        Path own = Files.createTempFile("acme", ".yaml");
        Files.writeString(own, "name: acme\nsip:\n  - uri: sip:sip.acme.test:5080\n    transports: [tcp]\n");
        assertThat(loader.load(own.toString()).sip().getFirst().transports()).containsExactly(SipTransport.TCP);
    }

    static Stream<String> invalidCases() throws IOException {
        try (Stream<Path> files = Files.list(INVALID)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidCases")
    void invalidProfileIsRejectedWithFileLineAndKey(String name) throws Exception {
        String yaml = Files.readString(INVALID.resolve(name + ".yaml"), StandardCharsets.UTF_8);
        String expected = Files.readString(INVALID.resolve(name + ".expected"), StandardCharsets.UTF_8).strip();
        assertThatThrownBy(() -> loader.parse(yaml, name + ".yaml"))
                .isInstanceOf(ProfileException.class)
                .message().contains(expected).startsWith(name + ".yaml:").doesNotContain("\n").doesNotContain("io.callready");
    }
}
