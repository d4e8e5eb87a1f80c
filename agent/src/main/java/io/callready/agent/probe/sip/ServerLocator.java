package io.callready.agent.probe.sip;

import io.callready.wire.plan.HostPort;
import io.callready.wire.plan.SipTransport;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Cache;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.NAPTRRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * RFC 3263 §4 server location for one transport: numeric host → no DNS; explicit port → A/AAAA only;
 * otherwise NAPTR (when the URI names no transport), then SRV, then A/AAAA on the default port.
 * Every question and answer is written down so the report can show how a target was found.
 */
public final class ServerLocator {
    private static final int MAX_TARGETS = 8;

    private final Resolver resolver;
    private final Random random;

    public ServerLocator(Resolver resolver, Random random) {
        this.resolver = resolver;
        this.random = random;
    }

    /** @param dns {@code host:port} of a DNS server, or null for the system's resolvers */
    public static ServerLocator create(String dns, Duration timeout) throws UnknownHostException {
        Resolver resolver;
        if (dns == null) {
            resolver = Lookup.getDefaultResolver();
        } else {
            HostPort hp = HostPort.parse(dns);
            resolver = new SimpleResolver(new InetSocketAddress(InetAddress.getByName(hp.host()), hp.port()));
        }
        resolver.setTimeout(timeout);
        return new ServerLocator(resolver, new Random());
    }

    /** A/AAAA of a plain host name through the same resolver (for non-SIP destinations of a profile). */
    public List<InetAddress> addressesOf(String host) throws TextParseException, DnsFailure, UnknownHostException {
        if (SipUri.parse(host).numericHost()) {
            return List.of(InetAddress.getByName(host));
        }
        List<Target> targets = new ArrayList<>();
        addresses(host, 0, SipTransport.TCP, "", new ArrayList<>(), targets);
        return targets.stream().map(Target::address).toList();
    }

    static String naptrService(SipTransport t) {
        return switch (t) {
            case UDP -> "SIP+D2U";
            case TCP -> "SIP+D2T";
            case TLS -> "SIPS+D2T";
        };
    }

    static String srvPrefix(SipTransport t) {
        return switch (t) {
            case UDP -> "_sip._udp.";
            case TCP -> "_sip._tcp.";
            case TLS -> "_sips._tcp.";
        };
    }

    static int defaultPort(SipTransport t) {
        return t == SipTransport.TLS ? 5061 : 5060;
    }

    public Resolution locate(SipUri uri, SipTransport transport) {
        long start = System.nanoTime();
        List<String> steps = new ArrayList<>();
        List<Target> targets = new ArrayList<>();
        String error = null;
        try {
            if (uri.numericHost()) {
                int port = uri.port() != null ? uri.port() : defaultPort(transport);
                steps.add("numeric host " + uri.host() + ": no DNS (RFC 3263 §4.2)");
                targets.add(new Target(transport, uri.host(), uri.host(), InetAddress.getByName(uri.host()), port, "numeric host"));
            } else if (uri.port() != null) {
                steps.add("explicit port " + uri.port() + ": A/AAAA only (RFC 3263 §4.2)");
                addresses(uri.host(), uri.port(), transport, "A/AAAA " + uri.host(), steps, targets);
            } else {
                String srvName = null;
                String via = "";
                if (uri.transport() == null) {
                    NaptrChoice naptr = naptr(uri.host(), transport, steps);
                    if (naptr.found()) {
                        srvName = naptr.replacement();
                        via = "NAPTR " + naptrService(transport) + " → ";
                    }
                } else {
                    steps.add("transport=" + uri.transport().wireName() + " in the URI: NAPTR skipped (RFC 3263 §4.1)");
                }
                if (srvName == null) {
                    srvName = srvPrefix(transport) + uri.host();
                }
                List<SRVRecord> srv = srv(srvName, steps);
                if (!srv.isEmpty()) {
                    for (SRVRecord r : srv) {
                        String host = strip(r.getTarget());
                        addresses(host, r.getPort(), transport, via + "SRV " + srvName + " → " + host + ":" + r.getPort(), steps, targets);
                    }
                } else {
                    int port = defaultPort(transport);
                    steps.add("no SRV: A/AAAA " + uri.host() + " on the default port " + port);
                    addresses(uri.host(), port, transport, "A/AAAA " + uri.host(), steps, targets);
                }
            }
            if (targets.isEmpty()) {
                error = "no address found for " + uri.host() + " over " + transport.wireName()
                        + (steps.isEmpty() ? "" : " (last answer: " + steps.getLast() + ")");
            }
        } catch (TextParseException e) {
            error = "'" + uri.host() + "' is not a valid DNS name: " + e.getMessage();
        } catch (UnknownHostException e) {
            error = "cannot use address " + uri.host() + ": " + e.getMessage();
        } catch (DnsFailure e) {
            error = e.getMessage();
        }
        long dnsMs = (System.nanoTime() - start) / 1_000_000;
        return new Resolution(transport, targets.size() > MAX_TARGETS ? targets.subList(0, MAX_TARGETS) : targets, steps, dnsMs, error);
    }

    private record NaptrChoice(boolean found, String replacement) {
    }

    private NaptrChoice naptr(String host, SipTransport transport, List<String> steps) throws TextParseException, DnsFailure {
        List<NAPTRRecord> records = query(host, Type.NAPTR, steps).stream()
                .filter(NAPTRRecord.class::isInstance).map(NAPTRRecord.class::cast)
                .sorted(Comparator.comparingInt(NAPTRRecord::getOrder).thenComparingInt(NAPTRRecord::getPreference))
                .toList();
        if (records.isEmpty()) {
            return new NaptrChoice(false, null);
        }
        for (NAPTRRecord r : records) {
            if (r.getService().equalsIgnoreCase(naptrService(transport)) && r.getFlags().equalsIgnoreCase("s")) {
                String replacement = strip(r.getReplacement());
                steps.add("NAPTR order " + r.getOrder() + " pref " + r.getPreference() + " " + r.getService() + " → " + replacement);
                return new NaptrChoice(true, replacement);
            }
        }
        steps.add("NAPTR lists no " + naptrService(transport) + " service; trying SRV for " + transport.wireName() + " anyway");
        return new NaptrChoice(false, null);
    }

    /** RFC 2782 order: lowest priority first; within a priority, a weighted random draw without replacement. */
    private List<SRVRecord> srv(String name, List<String> steps) throws TextParseException, DnsFailure {
        List<SRVRecord> records = query(name, Type.SRV, steps).stream()
                .filter(SRVRecord.class::isInstance).map(SRVRecord.class::cast)
                .filter(r -> !r.getTarget().equals(Name.root))
                .sorted(Comparator.comparingInt(SRVRecord::getPriority))
                .toList();
        List<SRVRecord> ordered = new ArrayList<>();
        int i = 0;
        while (i < records.size()) {
            int priority = records.get(i).getPriority();
            List<SRVRecord> group = new ArrayList<>();
            while (i < records.size() && records.get(i).getPriority() == priority) {
                group.add(records.get(i++));
            }
            while (!group.isEmpty()) {
                int total = group.stream().mapToInt(SRVRecord::getWeight).sum();
                int pick = total == 0 ? 0 : random.nextInt(total + 1);
                int running = 0;
                int chosen = 0;
                for (int k = 0; k < group.size(); k++) {
                    running += group.get(k).getWeight();
                    if (running >= pick) {
                        chosen = k;
                        break;
                    }
                }
                ordered.add(group.remove(chosen));
            }
        }
        for (SRVRecord r : ordered) {
            steps.add("SRV " + name + " priority " + r.getPriority() + " weight " + r.getWeight() + " → " + strip(r.getTarget()) + ":" + r.getPort());
        }
        return ordered;
    }

    /** A and AAAA: one family failing (a refused AAAA, say) is noted, and fails the lookup only when the other found nothing. */
    private void addresses(String host, int port, SipTransport transport, String via, List<String> steps, List<Target> out)
            throws TextParseException, DnsFailure {
        DnsFailure failed = null;
        int before = out.size();
        for (int type : new int[]{Type.A, Type.AAAA}) {
            List<Record> records;
            try {
                records = query(host, type, steps);
            } catch (DnsFailure e) {
                steps.add(e.getMessage());
                failed = failed == null ? e : failed;
                continue;
            }
            for (Record r : records) {
                InetAddress address = switch (r) {
                    case ARecord a -> a.getAddress();
                    case AAAARecord a -> a.getAddress();
                    default -> null;
                };
                if (address != null) {
                    out.add(new Target(transport, host, strip(r.getName()), address, port, via));
                }
            }
        }
        if (failed != null && out.size() == before) {
            throw failed;
        }
    }

    private List<Record> query(String host, int type, List<String> steps) throws TextParseException, DnsFailure {
        Lookup lookup = new Lookup(Name.fromString(host.endsWith(".") ? host : host + "."), type, DClass.IN);
        lookup.setResolver(resolver);
        lookup.setCache(new Cache());
        Record[] records = lookup.run();
        String question = Type.string(type) + " " + host;
        switch (lookup.getResult()) {
            case Lookup.SUCCESSFUL -> {
                Name[] aliases = lookup.getAliases();
                StringBuilder answer = new StringBuilder(question).append(": ").append(records.length).append(" record(s)");
                if (aliases.length > 0) {
                    answer.append(" via CNAME → ").append(strip(records[0].getName()));
                }
                steps.add(answer.toString());
                return List.of(records);
            }
            case Lookup.TYPE_NOT_FOUND -> {
                steps.add(question + ": no such record");
                return List.of();
            }
            case Lookup.HOST_NOT_FOUND -> {
                steps.add(question + ": name does not exist (NXDOMAIN)");
                return List.of();
            }
            case Lookup.TRY_AGAIN -> throw new DnsFailure(question + ": DNS server did not answer or failed (" + lookup.getErrorString() + ")");
            default -> throw new DnsFailure(question + ": " + lookup.getErrorString());
        }
    }

    static String strip(Name name) {
        String s = name.toString();
        return (s.endsWith(".") ? s.substring(0, s.length() - 1) : s).toLowerCase(Locale.ROOT);
    }

    public static final class DnsFailure extends Exception {
        DnsFailure(String message) {
            super(message);
        }
    }
}
