package io.callready.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.callready.wire.rtp.Codec;
import io.callready.wire.rtp.ProbePacket;
import io.callready.wire.rtp.RtpHeader;
import io.callready.wire.stamp.ErrorEstimate;
import io.callready.wire.stamp.NtpTimestamp;
import io.callready.wire.stamp.StampReflectorPacket;
import io.callready.wire.stamp.StampSenderPacket;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * reflector/target/reflector-image.tar (Maven profile "images"): its configuration, its file system, and the image
 * booted without a container runtime ({@link ImageContainer}: own mount and network namespace, the image's uid, no
 * capabilities) with the arguments helm/callready/templates/reflector.yaml passes, SIP on: it echoes an RTP probe on
 * the chart's port, answers STAMP on 862 as a non-root user (the unprivileged-port setting container runtimes give a
 * container's network namespace) and accepts SIP over TCP. Needs root for the namespaces.
 */
class ReflectorImageIT {
    private static final Duration BOOT = Duration.ofSeconds(90);

    @Test
    void imageIsNonRootAndBootsAsTheChartRunsIt() throws Exception {
        ImageChecks.assumeRoot();
        JsonNode values = ImageChecks.chartValues().get("reflector");
        Path work = Files.createTempDirectory("callready-reflector-image");
        try {
            ImageTarball image = ImageChecks.unpackChecked("reflector", work);
            assertThat(image.entrypoint()).contains("java", "--enable-native-access=ALL-UNNAMED", "-XX:MaxRAMPercentage=50",
                    "io.callready.reflector.ReflectorMain");
            assertThat(image.rootfs.resolve("app/classes/io/callready/reflector/ReflectorMain.class")).isRegularFile();
            assertThat(image.rootfs.resolve("app/jib-classpath-file")).isRegularFile();

            int rtpPort = values.get("port").asInt();
            int stampPort = values.get("stampPort").asInt();
            List<Integer> sipUdp = ints(values.at("/sip/udpPorts"));
            List<Integer> sipTcp = ints(values.at("/sip/tcpPorts"));
            List<String> ports = new ArrayList<>(List.of(rtpPort + "/udp", stampPort + "/udp"));
            sipUdp.forEach(p -> ports.add(p + "/udp"));
            sipTcp.forEach(p -> ports.add(p + "/tcp"));
            assertThat(image.exposedPorts()).as("ports the chart opens").containsExactlyInAnyOrderElementsOf(ports);

            List<String> chartArgs = List.of("--bind=0.0.0.0", "--port=" + rtpPort, "--stamp-port=" + stampPort, "--sip",
                    "--sip-udp-ports=" + join(sipUdp), "--sip-tcp-ports=" + join(sipTcp));
            try (ImageContainer container = ImageContainer.start(image, chartArgs, Map.of(), true, work.resolve("reflector.log"))) {
                container.awaitOutput(Pattern.compile("STAMP session-reflector .*listening on udp /0\\.0\\.0\\.0:" + stampPort), BOOT);
                container.awaitOutput(Pattern.compile("reflector listening on udp /0\\.0\\.0\\.0:" + rtpPort), BOOT);
                container.awaitOutput(Pattern.compile("SIP responder on udp"), BOOT);
                ImageChecks.assertRunsUnprivileged(container.status(), image.uid(), image.gid());

                NetworkNamespace.call(container.pid(), () -> {
                    assertEchoesRtp(rtpPort);
                    assertAnswersStamp(stampPort);
                    try (Socket sip = new Socket()) {
                        sip.connect(new InetSocketAddress("127.0.0.1", sipTcp.getFirst()), 2000);
                    }
                    return null;
                });
                assertThat(container.isAlive()).isTrue();
            }
            System.out.printf("ReflectorImageIT: %s %d MB (gzipped layers)%n", image.repoTag, ImageChecks.megabytes(image.tarball));
        } finally {
            Shell.run(Duration.ofMinutes(1), "rm", "-rf", "--one-file-system", work.toString());
        }
    }

    private static void assertEchoesRtp(int port) {
        ByteBuffer request = ByteBuffer.allocate(512);
        ProbePacket.encodeRequest(request, new RtpHeader(true, Codec.PCMU.payloadType(), 1, 160, 42),
                ProbePacket.payloadSize(Codec.PCMU, 20), 46);
        try {
            var reply = (ProbePacket.Reply) ProbePacket.decode(exchange(port, request.flip()));
            assertThat(reply.header().ssrc()).isEqualTo(42);
            assertThat(reply.header().sequence()).isEqualTo(1);
            assertThat(reply.replyIndex()).isEqualTo(1);
        } catch (Exception e) {
            throw new AssertionError("no RTP echo from the image on udp " + port + ": " + e, e);
        }
    }

    private static void assertAnswersStamp(int port) {
        ByteBuffer request = ByteBuffer.allocate(StampSenderPacket.LENGTH);
        new StampSenderPacket(7, NtpTimestamp.ofEpochNanos(System.currentTimeMillis() * 1_000_000L),
                ErrorEstimate.UNSYNCED_MILLISECOND).encode(request);
        try {
            assertThat(StampReflectorPacket.decode(exchange(port, request.flip())).senderSequence()).isEqualTo(7);
        } catch (Exception e) {
            throw new AssertionError("no STAMP answer from the image on udp " + port + ": " + e, e);
        }
    }

    /** One datagram to 127.0.0.1:port and its answer, waiting at most 5 s. */
    private static ByteBuffer exchange(int port, ByteBuffer request) throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(5000);
            byte[] out = new byte[request.remaining()];
            request.get(out);
            socket.send(new DatagramPacket(out, out.length, new InetSocketAddress("127.0.0.1", port)));
            DatagramPacket in = new DatagramPacket(new byte[1500], 1500);
            socket.receive(in);
            return ByteBuffer.wrap(in.getData(), 0, in.getLength());
        }
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asInt()));
        return out;
    }

    private static String join(List<Integer> ports) {
        return String.join(",", ports.stream().map(String::valueOf).toList());
    }
}
