package io.callready.collector.notify.ssrf;

import io.callready.collector.support.TestDns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The SSRF corpus: {@code ssrf/refused/<case>.url} must be refused with {@code <case>.expected} in the reason,
 * {@code ssrf/accepted/<case>.url} must pass. An optional {@code <case>.dns} ("host address...") is what the
 * stub resolver answers, so DNS cases need no network; names without one do not resolve.
 */
class UrlGuardCorpusTest {
    private static final Path ROOT = Path.of("src/test/resources/ssrf");

    @TestFactory
    Stream<DynamicTest> everyRefusedFormIsRefusedWithItsReason() throws IOException {
        List<Path> cases = list("refused");
        assertThat(cases).hasSizeGreaterThanOrEqualTo(35);
        return cases.stream().map(url -> DynamicTest.dynamicTest(name(url), () -> {
            String expected = Files.readString(sibling(url, ".expected")).strip();
            UrlGuard guard = new UrlGuard(List.of(), stubDns(url));
            assertThatThrownBy(() -> guard.check(Files.readString(url).strip()))
                    .isInstanceOf(RefusedUrlException.class)
                    .hasMessageContaining(expected);
        }));
    }

    @TestFactory
    Stream<DynamicTest> publicReceiversAreAccepted() throws IOException {
        return list("accepted").stream().map(url -> DynamicTest.dynamicTest(name(url), () -> {
            UrlGuard guard = new UrlGuard(List.of(), stubDns(url));
            UrlGuard.Target target = guard.check(Files.readString(url).strip());
            assertThat(target.address()).isNotNull();
        }));
    }

    @Test
    void theAllowlistAdmitsOnPremisesReceiversButNotTrickForms() throws Exception {
        UrlGuard guard = new UrlGuard(List.of(Cidr.parse("127.0.0.1/32"), Cidr.parse("10.20.0.0/16")), host -> {
            throw new UnknownHostException(host);
        });
        assertThat(guard.check("http://127.0.0.1:8080/hook").address().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(guard.check("https://10.20.3.4/hook").port()).isEqualTo(443);
        assertThatThrownBy(() -> guard.check("http://127.0.0.2/")).hasMessageContaining("loopback");
        assertThatThrownBy(() -> guard.check("http://10.21.0.1/")).hasMessageContaining("private");
        assertThatThrownBy(() -> guard.check("http://[::ffff:127.0.0.1]/")).hasMessageContaining("IPv4-mapped");
        assertThatThrownBy(() -> guard.check("http://2130706433/")).hasMessageContaining("non-standard form");
    }

    @Test
    void theConnectTimeCheckPinsTheAddressItChecked() throws Exception {
        // A rebinding resolver: public on the first lookup, loopback afterwards.
        int[] lookups = {0};
        UrlGuard guard = new UrlGuard(List.of(), host -> new InetAddress[] {
                InetAddress.ofLiteral(lookups[0]++ == 0 ? "93.184.216.34" : "127.0.0.1")});
        UrlGuard.Target pinned = guard.check("https://rebind.example/hook");
        assertThat(pinned.address().getHostAddress()).isEqualTo("93.184.216.34");
        assertThat(pinned.host()).isEqualTo("rebind.example");
        assertThatThrownBy(() -> guard.check("https://rebind.example/hook"))
                .hasMessageContaining("rebind.example resolves to 127.0.0.1, a loopback address");
    }

    private static UrlGuard.Resolver stubDns(Path url) throws IOException {
        Map<String, InetAddress[]> answers = new HashMap<>();
        Path dns = sibling(url, ".dns");
        if (Files.exists(dns)) {
            for (String line : Files.readAllLines(dns)) {
                String[] parts = line.strip().split("\\s+");
                answers.put(parts[0], Arrays.stream(parts).skip(1).map(TestDns::record).toArray(InetAddress[]::new));
            }
        }
        return host -> {
            InetAddress[] answer = answers.get(host);
            if (answer == null) {
                throw new UnknownHostException(host);
            }
            return answer;
        };
    }

    private static List<Path> list(String dir) throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve(dir))) {
            return files.filter(p -> p.toString().endsWith(".url")).sorted().toList();
        }
    }

    private static Path sibling(Path url, String extension) {
        return url.resolveSibling(name(url) + extension);
    }

    private static String name(Path url) {
        String file = url.getFileName().toString();
        return file.substring(0, file.length() - ".url".length());
    }
}
