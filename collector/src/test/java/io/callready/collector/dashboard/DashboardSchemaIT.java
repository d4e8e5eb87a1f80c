package io.callready.collector.dashboard;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every provisioned dashboard type-checks against {@code @grafana/schema}'s Dashboard (pinned in
 * dashboards/schema/package.json and its lockfile) with {@code tsc}: each JSON becomes a TypeScript object literal,
 * so literal values and unknown keys are checked too. npm packages come from {@code npm ci} (scripts/install-deps.sh,
 * or here when missing); after the first install it needs no network.
 */
class DashboardSchemaIT {
    private static final Path SCHEMA = DashboardPanels.dashboardDir().resolveSibling("schema");
    private static final Path GENERATED = SCHEMA.resolve(".generated");

    @Test
    void everyDashboardMatchesTheGrafanaSchemaAndABrokenOneDoesNot() throws Exception {
        ensureInstalled();
        try (Stream<Path> files = Files.list(DashboardPanels.dashboardDir())) {
            List<Path> dashboards = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            assertThat(dashboards).hasSizeGreaterThanOrEqualTo(4);

            String site = Files.readString(dashboards.stream().filter(p -> p.endsWith("site-quality.json")).findFirst().orElseThrow());
            writeChecks(List.of(new Check("broken-gridpos", site.replaceFirst("\"h\": 8", "\"h\": \"8\"")),
                    new Check("broken-key", site.replaceFirst("\"schemaVersion\"", "\"schemaversion\""))));
            Result broken = tsc();
            assertThat(broken.exitCode()).as(broken.output()).isNotZero();
            assertThat(broken.output()).contains("broken-gridpos.ts").contains("broken-key.ts");

            writeChecks(dashboards.stream().map(p -> new Check(p.getFileName().toString().replace(".json", ""), read(p))).toList());
            Result ok = tsc();
            assertThat(ok.exitCode()).as(ok.output()).isZero();
        }
    }

    private record Check(String name, String json) {
    }

    private record Result(int exitCode, String output) {
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writeChecks(List<Check> checks) throws IOException {
        if (Files.exists(GENERATED)) {
            try (Stream<Path> old = Files.walk(GENERATED)) {
                for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(GENERATED);
        for (Check c : checks) {
            Files.writeString(GENERATED.resolve(c.name() + ".ts"), "import type { ProvisionedDashboard } from '../dashboard-type';\n"
                    + "export const checked: ProvisionedDashboard = " + c.json().strip() + ";\n", StandardCharsets.UTF_8);
        }
    }

    private static void ensureInstalled() throws Exception {
        if (!Files.isExecutable(SCHEMA.resolve("node_modules/.bin/tsc"))) {
            Result install = run(List.of("npm", "ci", "--no-audit", "--no-fund", "--prefer-offline"), 300);
            assertThat(install.exitCode()).as("npm ci in " + SCHEMA + ":\n" + install.output()).isZero();
        }
    }

    private static Result tsc() throws Exception {
        return run(List.of(SCHEMA.resolve("node_modules/.bin/tsc").toAbsolutePath().toString(), "-p", "."), 120);
    }

    private static Result run(List<String> command, int timeoutSeconds) throws Exception {
        Process p = new ProcessBuilder(command).directory(SCHEMA.toFile()).redirectErrorStream(true).start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish within " + timeoutSeconds + " s");
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
