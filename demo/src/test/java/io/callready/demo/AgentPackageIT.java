package io.callready.demo;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent's Debian package on this machine, as a site box gets it: the built .deb's contents, control data and
 * scripts, lintian, then {@code dpkg -i} (user and directories, nothing started), the unit verified and its
 * {@code systemd-analyze security} exposure, the unenrolled agent refusing to run, {@code callready-agent enroll}
 * against a real collector, the agent started exactly as the unit's ExecStart (see {@link InstalledUnit}) and a
 * result stored; then the collector stopped, results queued in the outbox, the agent stopped, an upgrade to the
 * same package rebuilt with a higher version, and after the restart every result the agent produced stored once;
 * {@code dpkg -r} keeps config, token and outbox, {@code dpkg -P} leaves nothing. Needs root (CI runs as root); the
 * package is purged however the test ends.
 */
class AgentPackageIT {
    private static final String PACKAGE = "callready-agent";
    private static final Path STATE = Path.of("/var/lib/callready");
    private static final Path CONFIG = Path.of("/etc/callready/agent.yaml");
    private static final Path UNIT = Path.of("/lib/systemd/system/" + InstalledUnit.NAME);
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Duration DPKG = Duration.ofSeconds(180);
    private static final double MAX_EXPOSURE = 2.0;

    @Test
    void installEnrollRunUpgradeRemovePurge() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "AgentPackageIT installs a Debian package and creates a system user: run it as root (CI does)");
        Path root = Path.of(System.getProperty("callready.root", "..")).toAbsolutePath().normalize();
        Path deb = builtPackage(root.resolve("agent-deb/target"));
        Path data = Files.createTempDirectory("callready-agent-package-it");
        Path logs = data.resolve("logs");
        purgeLeftover();
        checkContents(deb, data.resolve("control"));

        DemoOptions options = new DemoOptions(root, data, 0, Duration.ofSeconds(2), Duration.ofMillis(200),
                DemoMain.tcpPortOrFree(0), DemoMain.udpPortOrFree(0), DemoMain.tcpPortOrFree(0));
        Demo demo = new Demo(options, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        Artifacts bin = Artifacts.under(root);
        URI base = URI.create("http://127.0.0.1:" + options.httpPort());
        List<ManagedProcess> started = new ArrayList<>();
        boolean passed = false;
        long t0 = System.nanoTime();
        try {
            install(deb);
            InstalledUnit unit = InstalledUnit.read(UNIT);
            assertThat(unit.one("User")).isEqualTo("callready");
            ManagedProcess unenrolled = unit.start(logs.resolve("unenrolled.log"));
            assertThat(unenrolled.awaitExit(WAIT)).as("an unenrolled agent exits with 64 (no restart: RestartPreventExitStatus)").isEqualTo(64);
            assertThat(String.join("\n", unenrolled.readLog())).contains("this agent is not enrolled")
                    .contains("callready-agent enroll --collector URL --code CODE");

            ManagedProcess collector = track(started, demo.startCollector(bin, data));
            track(started, demo.startReflector(bin, data));
            AdminClient api = new AdminClient(base, Files.readString(data.resolve("collector/admin-token")).strip());
            String customerId = api.customer("package-it");
            String siteId = api.site(customerId, "site-box");
            api.putCustomerPlan(customerId, Map.of("probes", List.of(Map.of("kind", "rtp_burst", "name", "site-box",
                    "reflector", "127.0.0.1:" + options.reflectorPort(), "burst", "200ms", "interval", "2s"))));

            // what the technician types (README "Install at a site")
            String enrolled = Shell.run(WAIT, "callready-agent", "enroll", "--collector", base.toString(),
                    "--code", api.enrollmentCode(siteId)).ok();
            assertThat(enrolled).contains("owned by callready").contains("systemctl enable --now callready-agent");
            PosixFileAttributes token = Files.readAttributes(STATE.resolve("agent.token"), PosixFileAttributes.class);
            assertThat(token.owner().getName()).isEqualTo("callready");
            assertThat(PosixFilePermissions.toString(token.permissions())).isEqualTo("rw-------");
            PosixFileAttributes config = Files.readAttributes(CONFIG, PosixFileAttributes.class);
            assertThat(config.owner().getName() + ":" + config.group().getName()).isEqualTo("root:callready");
            assertThat(PosixFilePermissions.toString(config.permissions())).isEqualTo("rw-r-----");
            byte[] enrolledConfig = Files.readAllBytes(CONFIG);
            byte[] enrolledToken = Files.readAllBytes(STATE.resolve("agent.token"));

            ManagedProcess agent = track(started, unit.start(logs.resolve("agent.log")));
            Instant since = Instant.now().minusSeconds(60);
            await("a result stored", () -> !storedIds(api, siteId, since).isEmpty());
            System.out.println("agent (installed, as the unit runs it): first result stored " + (System.nanoTime() - t0) / 1_000_000
                    + " ms after dpkg -i began; RSS " + rssKb(agent) + " kB");

            // collector down: results queue in the outbox; the agent stops with them still queued
            collector.close();
            Path pending = STATE.resolve("outbox/pending");
            await("3 results queued", () -> count(pending) >= 3);
            agent.close();
            // the launcher's class archive for `run` (issue 15): the JVM writes it at the service's first stop
            Path archive = STATE.resolve("agent.jsa");
            assertThat(archive).as("the class archive written at the first stop").isRegularFile();
            assertThat(Files.getOwner(archive).getName()).isEqualTo("callready");
            Set<String> queued = pendingIds(pending);
            assertThat(queued).hasSizeGreaterThanOrEqualTo(3);

            // upgrade to the same package rebuilt with a higher version
            String oldVersion = field(deb, "Version");
            Path upgrade = rebuiltWithVersion(deb, oldVersion + "+upgrade1", data.resolve("rebuild"));
            install(upgrade);
            assertThat(Shell.run(DPKG, "dpkg-query", "-W", "-f", "${Version}", PACKAGE).ok()).isEqualTo(oldVersion + "+upgrade1");
            assertThat(Files.readAllBytes(CONFIG)).as("the upgrade keeps the enrolled config").isEqualTo(enrolledConfig);
            assertThat(Files.readAllBytes(STATE.resolve("agent.token"))).as("the upgrade keeps the token").isEqualTo(enrolledToken);
            assertThat(pendingIds(pending)).as("the upgrade keeps the queued results").isEqualTo(queued);

            collector = track(started, demo.startCollector(bin, data));
            agent = track(started, unit.start(logs.resolve("agent.log")));
            await("the queue shipped", () -> count(pending) == 0 && storedIds(api, siteId, since).containsAll(queued));
            agent.close();
            List<String> stored = storedIdList(api, siteId, since);
            assertThat(new HashSet<>(stored)).as("no result stored twice").hasSameSizeAs(stored);
            assertThat(stored).as("every result the agent produced, queued across the upgrade or not, is stored")
                    .containsAll(producedIds(STATE.resolve("outbox")));
            collector.close();

            Shell.run(DPKG, "dpkg", "-r", PACKAGE).ok();
            assertThat(Path.of("/usr/bin/callready-agent")).doesNotExist();
            assertThat(STATE.resolve("agent.token")).as("remove keeps the token").exists();
            assertThat(STATE.resolve("outbox")).as("remove keeps the outbox").isDirectory();
            assertThat(CONFIG).as("remove keeps the conffile").exists();
            assertThat(Shell.run(DPKG, "getent", "passwd", "callready").exit()).as("remove keeps the user").isZero();

            Shell.run(DPKG, "dpkg", "-P", PACKAGE).ok();
            assertNothingLeft();
            System.out.println("AgentPackageIT: install to purge in " + (System.nanoTime() - t0) / 1_000_000_000 + " s");
            passed = true;
        } finally {
            for (int i = started.size() - 1; i >= 0; i--) {
                started.get(i).close();
            }
            purgeLeftover();
            if (passed) {
                deleteTree(data);
            } else {
                System.out.println("logs kept in " + data);
            }
        }
    }

    private static void checkContents(Path deb, Path control) throws Exception {
        String listing = Shell.run(DPKG, "dpkg-deb", "-c", deb.toString()).ok();
        for (String entry : List.of("-rwxr-xr-x root/root .* ./usr/bin/callready-agent",
                "-rwxr-xr-x root/root .* ./usr/lib/callready-agent/runtime/bin/java",
                "-rw-r--r-- root/root .* ./usr/lib/callready-agent/runtime/lib/server/libjvm.so",
                "-rw-r--r-- root/root .* ./usr/lib/callready-agent/runtime/lib/server/classes.jsa",
                "-rw-r--r-- root/root .* ./usr/lib/callready-agent/callready-agent.jar",
                "-rw-r--r-- root/root .* ./lib/systemd/system/callready-agent.service",
                "-rw-r--r-- root/root .* ./etc/callready/agent.yaml",
                "-rw-r--r-- root/root .* ./usr/share/doc/callready-agent/copyright",
                "-rw-r--r-- root/root .* ./usr/share/doc/callready-agent/changelog.gz",
                "-rw-r--r-- root/root .* ./usr/share/man/man1/callready-agent.1.gz")) {
            assertThat(listing).as("dpkg-deb -c lists %s", entry).containsPattern("(?m)^" + entry + "$");
        }
        assertThat(listing).as("no header files, man pages or the unused nocoops CDS archive in the runtime")
                .doesNotContain("runtime/include/").doesNotContain("runtime/man/").doesNotContain("classes_nocoops.jsa");

        assertThat(field(deb, "Package")).isEqualTo(PACKAGE);
        assertThat(field(deb, "Architecture")).isEqualTo("amd64");
        assertThat(field(deb, "Version")).matches("[0-9][A-Za-z0-9.+~]*");
        assertThat(field(deb, "Depends")).contains("adduser");
        Shell.run(DPKG, "dpkg-deb", "-e", deb.toString(), control.toString()).ok();
        assertThat(Files.readString(control.resolve("conffiles")).strip()).isEqualTo("/etc/callready/agent.yaml");
        for (String script : List.of("postinst", "prerm", "postrm")) {
            Shell.run(DPKG, "sh", "-n", control.resolve(script).toString()).ok();
            assertThat(Files.readString(control.resolve(script))).as("%s never enables or starts the agent", script)
                    .doesNotContain("enable").doesNotContain(" start ").doesNotContain("--now");
        }
        String lintian = Shell.run(DPKG, "lintian", "--tag-display-limit", "0", deb.toString()).output();
        assertThat(lintian.lines().filter(l -> l.matches("^[EW]: .*")).toList()).as("lintian errors and warnings").isEmpty();
        System.out.println("package " + deb.getFileName() + ": " + Files.size(deb) / 1024 + " kB");
    }

    private static void install(Path deb) throws Exception {
        Shell.run(DPKG, "dpkg", "-i", "--force-confold", deb.toString()).ok();
        String user = Shell.run(DPKG, "getent", "passwd", "callready").ok();
        assertThat(Integer.parseInt(user.split(":")[2])).as("a system user").isLessThan(1000);
        assertThat(user.strip()).endsWith(":/usr/sbin/nologin");
        PosixFileAttributes state = Files.readAttributes(STATE, PosixFileAttributes.class);
        assertThat(state.owner().getName()).isEqualTo("callready");
        assertThat(PosixFilePermissions.toString(state.permissions())).isEqualTo("rwxr-x---");
        assertThat(Path.of("/etc/systemd/system/multi-user.target.wants/" + InstalledUnit.NAME)).as("installed disabled").doesNotExist();
        assertThat(Shell.run(DPKG, "pgrep", "-u", "callready").exit()).as("no agent process after dpkg -i").isNotZero();

        Shell.Outcome verify = Shell.run(DPKG, "systemd-analyze", "verify", UNIT.toString());
        assertThat(verify.exit()).as(verify.output()).isZero();
        assertThat(verify.output()).isEmpty();
        String security = Shell.run(DPKG, "systemd-analyze", "security", "--offline=true", UNIT.toString()).output();
        Matcher exposure = Pattern.compile("Overall exposure level for " + Pattern.quote(InstalledUnit.NAME) + ": ([0-9.]+)").matcher(security);
        assertThat(exposure.find()).as(security).isTrue();
        System.out.println("systemd-analyze security: exposure " + exposure.group(1));
        assertThat(Double.parseDouble(exposure.group(1))).isLessThanOrEqualTo(MAX_EXPOSURE);
    }

    private static void assertNothingLeft() throws Exception {
        for (Path p : List.of(STATE, Path.of("/etc/callready"), Path.of("/usr/lib/callready-agent"), UNIT,
                Path.of("/usr/bin/callready-agent"), Path.of("/usr/share/doc/callready-agent"))) {
            assertThat(p).as("purge removes %s", p).doesNotExist();
        }
        assertThat(Shell.run(DPKG, "getent", "passwd", "callready").exit()).as("purge removes the user").isNotZero();
        assertThat(Shell.run(DPKG, "getent", "group", "callready").exit()).as("purge removes the group").isNotZero();
        assertThat(Shell.run(DPKG, "dpkg-query", "-W", PACKAGE).exit()).as("dpkg forgets the package").isNotZero();
        String helperState = Shell.run(DPKG, "sh", "-c", "find /var/lib/systemd/deb-systemd-helper-enabled /etc/systemd/system"
                + " -name '*callready*' 2>/dev/null; true").ok();
        assertThat(helperState).as("no unit state left").isBlank();
    }

    /** A callready-agent package left installed (an interrupted run of this test) is purged before and after. */
    private static void purgeLeftover() throws Exception {
        if (Shell.run(DPKG, "dpkg-query", "-W", "-f", "${db:Status-Status}", PACKAGE).output().strip().matches("installed|config-files|half-.*|unpacked")) {
            Shell.run(DPKG, "dpkg", "-P", PACKAGE).ok();
        }
    }

    private static Path builtPackage(Path target) throws IOException {
        try (Stream<Path> files = Files.list(target)) {
            List<Path> debs = files.filter(p -> p.getFileName().toString().matches("callready-agent_.*_amd64\\.deb")).toList();
            assertThat(debs).as("one callready-agent_VERSION_amd64.deb in %s (built by the agent-deb module)", target).hasSize(1);
            return debs.getFirst();
        }
    }

    private static String field(Path deb, String name) throws Exception {
        return Shell.run(DPKG, "dpkg-deb", "-f", deb.toString(), name).ok().strip();
    }

    /** The same package with only its version raised: unpacked, control edited, packed again. */
    private static Path rebuiltWithVersion(Path deb, String version, Path dir) throws Exception {
        Path tree = Files.createDirectories(dir).resolve("tree");
        Shell.run(DPKG, "dpkg-deb", "-R", deb.toString(), tree.toString()).ok();
        Path control = tree.resolve("DEBIAN/control");
        Files.writeString(control, Files.readString(control).replaceFirst("(?m)^Version: .*$", "Version: " + version));
        Path out = dir.resolve("callready-agent_" + version + "_amd64.deb");
        Shell.run(DPKG, "dpkg-deb", "--root-owner-group", "-Zgzip", "-b", tree.toString(), out.toString()).ok();
        return out;
    }

    private static Set<String> storedIds(AdminClient api, String siteId, Instant since) throws Exception {
        return new HashSet<>(storedIdList(api, siteId, since));
    }

    private static List<String> storedIdList(AdminClient api, String siteId, Instant since) throws Exception {
        List<String> ids = new ArrayList<>();
        for (JsonNode r : api.results(siteId, since)) {
            ids.add(r.path("id").asText());
        }
        return ids;
    }

    /** Result ids waiting in the outbox (files {@code <started-ms>-<id>.json}). */
    private static Set<String> pendingIds(Path pending) throws IOException {
        try (Stream<Path> files = Files.list(pending)) {
            return new HashSet<>(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json") && !n.startsWith("."))
                    .map(n -> n.substring(14, n.length() - 5)).toList());
        }
    }

    private static int count(Path pending) throws IOException {
        return Files.isDirectory(pending) ? pendingIds(pending).size() : 0;
    }

    /** Every result id the agent noted as produced ({@code produced.log} and its predecessor). */
    private static Set<String> producedIds(Path outbox) throws IOException {
        Set<String> ids = new HashSet<>();
        for (Path f : List.of(outbox.resolve("produced.log.1"), outbox.resolve("produced.log"))) {
            if (Files.exists(f)) {
                Files.readAllLines(f).forEach(line -> ids.add(line.split(" ")[1]));
            }
        }
        assertThat(ids).isNotEmpty();
        return ids;
    }

    private static String rssKb(ManagedProcess agent) throws IOException {
        return Files.readAllLines(Path.of("/proc/" + agent.pid() + "/status")).stream()
                .filter(l -> l.startsWith("VmRSS:")).map(l -> l.replaceAll("\\D", "")).findFirst().orElse("?");
    }

    private static ManagedProcess track(List<ManagedProcess> started, ManagedProcess p) {
        started.add(p);
        return p;
    }

    private static void await(String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.call()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
