package io.callready.reflector.sip;

import io.callready.wire.sip.SipMessage;
import io.callready.wire.sip.SipStreamReader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SipResponderIT {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private static byte[] options(String transport, int localPort) {
        return ("OPTIONS sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/" + transport + " 127.0.0.1:" + localPort + ";branch=z9hG4bK1;rport\r\n"
                + "From: <sip:a@127.0.0.1>;tag=1\r\nTo: <sip:127.0.0.1>\r\nCall-ID: c@d\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void answersOverEveryUdpPortAndOverTcp() throws Exception {
        try (SipResponder responder = SipResponder.start(new SipResponderSettings(LOOPBACK, List.of(0, 0), List.of(0)))) {
            for (int port : responder.udpPorts()) {
                try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
                    s.setSoTimeout(10_000);
                    byte[] req = options("UDP", s.getLocalPort());
                    s.send(new DatagramPacket(req, req.length, LOOPBACK, port));
                    DatagramPacket in = new DatagramPacket(new byte[65535], 65535);
                    s.receive(in);
                    SipMessage r = SipMessage.parse(Arrays.copyOf(in.getData(), in.getLength()));
                    assertThat(r.statusCode()).isEqualTo(200);
                    assertThat(r.first(SipEcho.SOURCE)).contains("127.0.0.1:" + s.getLocalPort());
                    assertThat(SipEcho.decodeBody(r)).isEqualTo(new String(req, StandardCharsets.UTF_8));
                }
            }
            try (Socket s = new Socket(LOOPBACK, responder.tcpPorts().getFirst())) {
                s.setSoTimeout(10_000);
                SipStreamReader reader = new SipStreamReader(s.getInputStream());
                for (int i = 0; i < 2; i++) {
                    byte[] req = options("TCP", s.getLocalPort());
                    s.getOutputStream().write(req);
                    SipMessage r = SipMessage.parse(reader.next());
                    assertThat(r.statusCode()).isEqualTo(200);
                    assertThat(SipEcho.decodeBody(r)).isEqualTo(new String(req, StandardCharsets.UTF_8));
                }
            }
            long until = System.nanoTime() + 10_000_000_000L;
            while (responder.answered() < 4 && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            assertThat(responder.answered()).isEqualTo(4);
        }
    }

    @Test
    void aTakenPortIsAClearError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, LOOPBACK)) {
            assertThatThrownBy(() -> SipResponder.start(new SipResponderSettings(LOOPBACK, List.of(), List.of(taken.getLocalPort()))))
                    .isInstanceOf(IOException.class).hasMessageContaining("cannot bind SIP responder to tcp 127.0.0.1:" + taken.getLocalPort());
        }
    }
}
