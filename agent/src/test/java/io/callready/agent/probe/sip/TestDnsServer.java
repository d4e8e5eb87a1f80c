package io.callready.agent.probe.sip;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;

/**
 * An authoritative-only DNS server on loopback UDP serving a fixed record list, built on dnsjava's Message
 * classes. Follows CNAMEs inside its own data like a real resolver would, so a branded name can point at an ingress.
 */
public final class TestDnsServer implements AutoCloseable {
    private final DatagramSocket socket;
    private final List<Record> records;
    private final Thread thread;
    final List<String> questions = java.util.Collections.synchronizedList(new ArrayList<>());
    /** Query types answered REFUSED, as some resolvers and filters answer AAAA. */
    private final java.util.Set<Integer> refused = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public TestDnsServer(List<String> zoneLines) throws IOException {
        this(zoneLines, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    TestDnsServer(List<String> zoneLines, InetSocketAddress bind) throws IOException {
        this.records = new ArrayList<>();
        for (String line : zoneLines) {
            records.add(parse(line));
        }
        this.socket = new DatagramSocket(bind);
        this.thread = Thread.ofPlatform().daemon(true).name("test-dns").start(this::loop);
    }

    /** {@code name TTL type rdata}, e.g. {@code _sip._udp.example.test. 60 SRV 10 50 5060 a.example.test.} */
    static Record parse(String line) throws IOException {
        String[] p = line.trim().split("\\s+", 4);
        return Record.fromString(Name.fromString(p[0]), Type.value(p[2]), DClass.IN, Long.parseLong(p[1]), p[3], Name.root);
    }

    public TestDnsServer refuse(int type) {
        refused.add(type);
        return this;
    }

    public String address() {
        return socket.getLocalAddress().getHostAddress() + ":" + socket.getLocalPort();
    }

    private void loop() {
        byte[] buf = new byte[1500];
        while (!socket.isClosed()) {
            try {
                DatagramPacket in = new DatagramPacket(buf, buf.length);
                socket.receive(in);
                Message query = new Message(java.util.Arrays.copyOf(in.getData(), in.getLength()));
                Record q = query.getQuestion();
                questions.add(Type.string(q.getType()) + " " + q.getName());
                Message answer = new Message(query.getHeader().getID());
                answer.getHeader().setFlag(Flags.QR);
                answer.getHeader().setFlag(Flags.AA);
                answer.getHeader().setFlag(Flags.RD);
                answer.getHeader().setFlag(Flags.RA);
                answer.addRecord(q, Section.QUESTION);
                Name name = q.getName();
                boolean exists = false;
                for (int hops = 0; hops < 8; hops++) {
                    Name current = name;
                    Record cname = records.stream().filter(r -> r.getName().equals(current) && r.getType() == Type.CNAME).findFirst().orElse(null);
                    if (cname != null && q.getType() != Type.CNAME) {
                        exists = true;
                        answer.addRecord(cname, Section.ANSWER);
                        name = ((org.xbill.DNS.CNAMERecord) cname).getTarget();
                        continue;
                    }
                    for (Record r : records) {
                        if (r.getName().equals(current)) {
                            exists = true;
                            if (r.getType() == q.getType()) answer.addRecord(r, Section.ANSWER);
                        }
                    }
                    break;
                }
                if (!exists) answer.getHeader().setRcode(Rcode.NXDOMAIN);
                if (refused.contains(q.getType())) {
                    answer.removeAllRecords(Section.ANSWER);
                    answer.getHeader().setRcode(Rcode.REFUSED);
                }
                byte[] out = answer.toWire(512);
                socket.send(new DatagramPacket(out, out.length, in.getSocketAddress()));
            } catch (SocketException e) {
                return;
            } catch (IOException e) {
                // a malformed query is dropped, as a real server would
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join(1000);
    }
}
