package io.callready.collector.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The payload corpora under {@code src/test/resources/payloads}. Files are templates:
 * {@code {{agentId}}} is the posting agent, {@code {{uuid}}} a fresh id at each use, {@code {{startedAt}}} one
 * minute ago, {@code {{future}}} one hour ahead, and {@code {{repeat:N:TEXT}}} TEXT written N times (for large
 * or deeply nested bodies that would be unreadable as literal files).
 */
public final class Payloads {
    public static final Path ROOT = Path.of("src/test/resources/payloads");
    private static final Pattern REPEAT = Pattern.compile("\\{\\{repeat:(\\d+):(.*?)}}");
    private static final String UUID_SLOT = "{{uuid}}";
    /** Stands in for {{uuid}} while repeats are expanded, so each copy still gets its own id. */
    private static final Pattern UUID_MARK = Pattern.compile("\u0000uuid\u0000");

    private Payloads() {
    }

    public static List<Path> list(String corpus, String extension) {
        try (Stream<Path> files = Files.list(ROOT.resolve(corpus))) {
            return files.filter(p -> p.toString().endsWith(extension)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String render(Path template, UUID agentId) {
        try {
            return render(Files.readString(template, StandardCharsets.UTF_8), agentId, Instant.now());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String render(String text, UUID agentId, Instant now) {
        String out = text
                .replace(UUID_SLOT, "\u0000uuid\u0000")
                .replace("{{agentId}}", agentId.toString())
                .replace("{{startedAt}}", now.minus(Duration.ofMinutes(1)).toString())
                .replace("{{future}}", now.plus(Duration.ofHours(1)).toString());
        out = REPEAT.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(2).repeat(Integer.parseInt(m.group(1)))));
        return UUID_MARK.matcher(out).replaceAll(m -> UUID.randomUUID().toString());
    }
}
