package io.callready.advice.render;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The rendered {@code linux-tc} snippet applied, command by command, to a veth in a throw-away namespace: every
 * command must exit 0 on this kernel, twice in a row (the advice can be re-pasted), and packets marked EF, the SIP
 * DSCP and nothing must land in classes 1:10, 1:15 and 1:20. Namespaces {@code cradv-PID-r/-p}, no uplink route.
 */
class LinuxTcApplyIT {
    private static final String NS = "cradv-" + ProcessHandle.current().pid();
    private static final String ROUTER = NS + "-r";
    private static final String PEER = NS + "-p";
    private static final String WAN = "cradv0";
    private static final String PEER_IP = "198.51.100.2";
    private static final int PACKETS = 20;

    private record Run(int exit, String output) {
    }

    @BeforeAll
    static void up() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        assumeTrue(root, "skipping the tc apply lab: it needs root (ip netns, tc, nft); CI runs it as root");
        for (String tool : List.of("ip", "tc", "nft")) {
            assumeTrue(new File("/usr/sbin/" + tool).canExecute() || new File("/sbin/" + tool).canExecute(),
                    "skipping the tc apply lab: " + tool + " is missing; run scripts/install-deps.sh");
        }
        down();
        must("ip", "netns", "add", ROUTER);
        must("ip", "netns", "add", PEER);
        must("ip", "netns", "exec", ROUTER, "ip", "link", "add", WAN, "type", "veth", "peer", "name", "cradv1", "netns", PEER);
        must("ip", "netns", "exec", ROUTER, "ip", "addr", "add", "198.51.100.1/30", "dev", WAN);
        must("ip", "netns", "exec", ROUTER, "ip", "link", "set", WAN, "up");
        must("ip", "netns", "exec", PEER, "ip", "addr", "add", PEER_IP + "/30", "dev", "cradv1");
        must("ip", "netns", "exec", PEER, "ip", "link", "set", "cradv1", "up");
        // marks set in the output hook, before the egress qdisc classifies: port 9 EF, port 10 the SIP DSCP
        must("ip", "netns", "exec", ROUTER, "nft", "add table ip cradv; "
                + "add chain ip cradv out { type filter hook output priority 0 ; } ; "
                + "add rule ip cradv out udp dport 9 ip dscp set " + VendorConfigsGoldenTest.FACTS.rtpDscp() + " ; "
                + "add rule ip cradv out udp dport 10 ip dscp set " + VendorConfigsGoldenTest.FACTS.sipDscp());
    }

    @AfterAll
    static void down() throws Exception {
        run("ip", "netns", "del", ROUTER);
        run("ip", "netns", "del", PEER);
    }

    @Test
    void everyRenderedCommandIsAcceptedAndClassifiesByDscp() throws Exception {
        String snippet = VendorConfigs.render(Vendor.LINUX_TC, VendorConfigsGoldenTest.ASSESSMENT,
                VendorConfigsGoldenTest.FACTS, Map.of(VendorConfigs.WAN_IF, WAN));
        List<String> commands = snippet.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        assertThat(commands).hasSize(11).allMatch(c -> c.startsWith("tc "));
        for (int round = 1; round <= 2; round++) {
            for (String command : commands) {
                List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", ROUTER));
                argv.addAll(Arrays.asList(command.split(" ")));
                Run r = run(argv.toArray(String[]::new));
                assertThat(r.exit()).as("round %d: %s\n%s", round, command, r.output()).isZero();
            }
        }
        for (int port : new int[] {9, 10, 11}) {
            must("ip", "netns", "exec", ROUTER, "bash", "-c", "for i in $(seq " + PACKETS + "); do echo callready > /dev/udp/"
                    + PEER_IP + "/" + port + "; done");
        }
        String classes = must("ip", "netns", "exec", ROUTER, "tc", "-s", "class", "show", "dev", WAN);
        assertThat(packets(classes, "1:10")).as(classes).isEqualTo(PACKETS);
        assertThat(packets(classes, "1:15")).as(classes).isEqualTo(PACKETS);
        assertThat(packets(classes, "1:20")).as(classes).isGreaterThanOrEqualTo(PACKETS);
        assertThat(classes).containsPattern("class htb 1:10 parent 1:1 leaf 10: prio 0 rate 384Kbit ceil 1800Kbit");
        String qdiscs = must("ip", "netns", "exec", ROUTER, "tc", "qdisc", "show", "dev", WAN);
        assertThat(qdiscs).contains("qdisc pfifo 10: parent 1:10 limit 50p").contains("qdisc bfifo 20: parent 1:20 limit 22500b");
    }

    private static int packets(String classes, String classId) {
        Matcher m = Pattern.compile("class htb " + Pattern.quote(classId) + " .*?\\n\\s*Sent \\d+ bytes (\\d+) pkt",
                Pattern.DOTALL).matcher(classes);
        assertThat(m.find()).as("class %s in\n%s", classId, classes).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static String must(String... argv) throws IOException, InterruptedException {
        Run r = run(argv);
        if (r.exit() != 0) {
            throw new IOException(String.join(" ", argv) + " failed (" + r.exit() + "): " + r.output());
        }
        return r.output();
    }

    private static Run run(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new IOException("timed out: " + String.join(" ", argv));
        }
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
