package io.callready.agent.memory;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Against the real kernel: a read-only file mapping this process touched is reclaimed, and reads the same after. */
class ColdPagesIT {
    private static final int SIZE = 8 << 20;

    @Test
    void handsBackTheTouchedPagesOfAReadOnlyMappingWhichStillReadsTheSame() throws IOException {
        // under the build directory, not java.io.tmpdir: a tmpfs /tmp holds shared memory, which only swap could reclaim
        Path dir = Files.createDirectories(Path.of("target", "cold-pages-it"));
        Files.deleteIfExists(dir.resolve("cold.bin"));
        byte[] content = new byte[SIZE];
        new Random(15).nextBytes(content);
        Path file = dir.resolve("cold.bin");
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            out.write(ByteBuffer.wrap(content));
            // written back, as a class archive or library is long before the agent maps it: dirty pages are not reclaimed
            out.force(true);
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, SIZE);
            long sum = 0;
            for (int i = 0; i < SIZE; i += 4096) {
                sum += map.get(i);
            }
            assertThat(residentKb(file)).as("touched: every page resident (sum %d)", sum).isGreaterThanOrEqualTo(SIZE / 1024 - 64);

            ColdPages.Outcome outcome = ColdPages.pageOut();

            assertThat(outcome.failure()).isNull();
            assertThat(outcome.mappings()).isPositive();
            assertThat(outcome.bytes()).isGreaterThanOrEqualTo(SIZE);
            assertThat(outcome.rssAfterKb()).as("VmRSS after").isLessThan(outcome.rssBeforeKb());
            assertThat(residentKb(file)).as("resident after the page-out, kB").isLessThan(SIZE / 1024 / 4);
            byte[] again = new byte[SIZE];
            map.get(0, again);
            assertThat(again).as("the pages fault back in from the file").isEqualTo(content);
        }
    }

    /** The resident kB of this process's mappings of {@code file}, from /proc/self/smaps. */
    private static long residentKb(Path file) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("/proc/self/smaps"));
        String name = file.toRealPath().toString();
        long kb = 0;
        boolean in = false;
        for (String line : lines) {
            if (!line.isEmpty() && Character.isLetterOrDigit(line.charAt(0)) && line.matches("^[0-9a-f]+-[0-9a-f]+ .*")) {
                in = line.endsWith(name);
            } else if (in && line.startsWith("Rss:")) {
                kb += Long.parseLong(line.substring(4).strip().split("\\s+")[0]);
            }
        }
        return kb;
    }
}
