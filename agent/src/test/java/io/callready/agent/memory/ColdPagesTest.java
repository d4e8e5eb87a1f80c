package io.callready.agent.memory;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ColdPagesTest {
    /** Each line of the corpus: its mark, then a maps line. */
    private record Case(char mark, String line) {
    }

    private static List<Case> corpus() throws IOException {
        try (InputStream in = ColdPagesTest.class.getResourceAsStream("/memory/maps.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.startsWith("#"))
                    .map(l -> new Case(l.charAt(0), l.length() > 2 ? l.substring(2) : ""))
                    .toList();
        }
    }

    @Test
    void pagesOutExactlyTheReadOnlyFileMappings() throws IOException {
        for (Case c : corpus()) {
            List<ColdPages.Mapping> parsed = ColdPages.parse(List.of(c.line()));
            if (c.mark() == '!') {
                assertThat(parsed).as("not a mapping: %s", c.line()).isEmpty();
                continue;
            }
            assertThat(parsed).as(c.line()).hasSize(1);
            assertThat(parsed.getFirst().readOnlyFile()).as(c.line()).isEqualTo(c.mark() == '+');
        }
    }

    @Test
    void readsAddressesPermissionsAndPathsWithSpaces() {
        ColdPages.Mapping m = ColdPages.parse(List.of(
                "7f55b8500000-7f55b8502000 r--p 00000000 fe:00 260300                     /opt/a dir with spaces/lib.so")).getFirst();
        assertThat(m.start()).isEqualTo(0x7f55b8500000L);
        assertThat(m.bytes()).isEqualTo(0x2000L);
        assertThat(m.perms()).isEqualTo("r--p");
        assertThat(m.path()).isEqualTo("/opt/a dir with spaces/lib.so");
        ColdPages.Mapping top = ColdPages.parse(List.of("ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0   [vsyscall]")).getFirst();
        assertThat(top.bytes()).isEqualTo(4096L);
    }

    @Test
    void describesWhatItDidAndWhyItDidNot() {
        assertThat(new ColdPages.Outcome(12, 40L << 20, 70_000, 46_000, null).describe())
                .isEqualTo("start-up pages handed back: 12 read-only file mappings (40.0 MB mapped), RSS 68.4 -> 44.9 MB");
        assertThat(new ColdPages.Outcome(0, 0, 70_000, 70_000, "madvise(MADV_PAGEOUT) refused with errno 22").describe())
                .isEqualTo("start-up pages not handed back: madvise(MADV_PAGEOUT) refused with errno 22");
    }
}
