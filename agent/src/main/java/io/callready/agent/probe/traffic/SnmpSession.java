package io.callready.agent.probe.traffic;

import io.callready.agent.config.SnmpCredentials;
import io.callready.wire.plan.SnmpVersion;
import io.callready.wire.result.ResultStatus;
import org.snmp4j.AbstractTarget;
import org.snmp4j.CommunityTarget;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.PDU;
import org.snmp4j.ScopedPDU;
import org.snmp4j.Snmp;
import org.snmp4j.UserTarget;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.AuthHMAC192SHA256;
import org.snmp4j.security.AuthHMAC256SHA384;
import org.snmp4j.security.AuthHMAC384SHA512;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.PrivAES256;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.USM;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One SNMP conversation with a router through SNMP4J: v2c with a community or v3 USM authPriv (SHA-2 + AES). Every
 * failure is an {@link SnmpFailure} whose text says what went wrong in a technician's terms and never holds a secret.
 */
final class SnmpSession implements AutoCloseable {
    static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(1500);
    static final int DEFAULT_RETRIES = 1;
    /** A walk of one column stops here: no router has more interfaces, a looping agent would never stop. */
    static final int MAX_ROWS = 10_000;
    private static final int BULK_REPETITIONS = 25;

    /** Why the router could not be read; {@code status} is what the result says. */
    static final class SnmpFailure extends Exception {
        final ResultStatus status;

        SnmpFailure(ResultStatus status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    private final Snmp snmp;
    private final AbstractTarget<UdpAddress> target;
    private final String endpoint;
    private final SnmpVersion version;
    private final String user;
    private final Duration timeout;
    private final int retries;

    private SnmpSession(Snmp snmp, AbstractTarget<UdpAddress> target, String endpoint, SnmpVersion version, String user,
                        Duration timeout, int retries) {
        this.snmp = snmp;
        this.target = target;
        this.endpoint = endpoint;
        this.version = version;
        this.user = user;
        this.timeout = timeout;
        this.retries = retries;
    }

    static SnmpSession open(String host, int port, SnmpVersion version, SnmpCredentials credentials, Duration timeout, int retries)
            throws SnmpFailure {
        String endpoint = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        if (version == SnmpVersion.V2C && credentials.isV3()) {
            throw new SnmpFailure(ResultStatus.ERROR, "version v2c needs a community, but the named credentials are a v3 user");
        }
        if (version == SnmpVersion.V3 && !credentials.isV3()) {
            throw new SnmpFailure(ResultStatus.ERROR, "version v3 needs a user with passphrases, but the named credentials are a community");
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new SnmpFailure(ResultStatus.FAILED, "cannot resolve the router's name " + host);
        }
        UdpAddress udp = new UdpAddress(address, port);
        Snmp snmp = null;
        try {
            MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
            AbstractTarget<UdpAddress> target;
            if (version == SnmpVersion.V2C) {
                dispatcher.addMessageProcessingModel(new MPv2c());
                CommunityTarget<UdpAddress> t = new CommunityTarget<>(udp, new OctetString(credentials.community()));
                t.setVersion(SnmpConstants.version2c);
                target = t;
                snmp = new Snmp(dispatcher, new DefaultUdpTransportMapping());
            } else {
                SecurityProtocols protocols = sha2AndAes();
                USM usm = new USM(protocols, new OctetString(MPv3.createLocalEngineID()), 0);
                dispatcher.addMessageProcessingModel(new MPv3(usm));
                snmp = new Snmp(dispatcher, new DefaultUdpTransportMapping());
                OctetString name = new OctetString(credentials.user());
                usm.addUser(name, new UsmUser(name, authOid(credentials.authProtocol()), new OctetString(credentials.authPassphrase()),
                        privOid(credentials.privProtocol()), new OctetString(credentials.privPassphrase())));
                UserTarget<UdpAddress> t = new UserTarget<>();
                t.setAddress(udp);
                t.setSecurityName(name);
                t.setSecurityLevel(SecurityLevel.AUTH_PRIV);
                t.setVersion(SnmpConstants.version3);
                target = t;
            }
            target.setTimeout(timeout.toMillis());
            target.setRetries(retries);
            snmp.listen();
            return new SnmpSession(snmp, target, endpoint, version, credentials.user(), timeout, retries);
        } catch (IOException | RuntimeException e) {
            closeQuietly(snmp);
            throw new SnmpFailure(ResultStatus.ERROR, "cannot open a UDP socket for SNMP: " + e.getMessage());
        }
    }

    private static synchronized SecurityProtocols sha2AndAes() {
        SecurityProtocols p = SecurityProtocols.getInstance();
        p.addAuthenticationProtocol(new AuthHMAC192SHA256());
        p.addAuthenticationProtocol(new AuthHMAC256SHA384());
        p.addAuthenticationProtocol(new AuthHMAC384SHA512());
        p.addPrivacyProtocol(new PrivAES128());
        p.addPrivacyProtocol(new PrivAES256());
        return p;
    }

    private static OID authOid(SnmpCredentials.AuthProtocol p) {
        return switch (p) {
            case SHA256 -> AuthHMAC192SHA256.ID;
            case SHA384 -> AuthHMAC256SHA384.ID;
            case SHA512 -> AuthHMAC384SHA512.ID;
        };
    }

    private static OID privOid(SnmpCredentials.PrivProtocol p) {
        return switch (p) {
            case AES128 -> PrivAES128.ID;
            case AES256 -> PrivAES256.ID;
        };
    }

    String endpoint() {
        return endpoint;
    }

    /** GET of the objects; an object the router does not have maps to null. */
    Map<OID, Variable> get(List<OID> oids) throws SnmpFailure {
        PDU pdu = newPdu(PDU.GET);
        oids.forEach(oid -> pdu.add(new VariableBinding(oid)));
        PDU response = exchange(pdu);
        Map<OID, Variable> values = new LinkedHashMap<>();
        for (VariableBinding vb : response.getVariableBindings()) {
            values.put(vb.getOid(), vb.getVariable() == null || vb.getVariable().isException() ? null : vb.getVariable());
        }
        return values;
    }

    /** Every instance of one table column, by its last sub-identifier (the ifIndex). */
    TreeMap<Integer, Variable> column(OID column) throws SnmpFailure {
        TreeMap<Integer, Variable> rows = new TreeMap<>();
        walk(column).forEach((oid, value) -> {
            if (oid.size() == column.size() + 1) rows.put(oid.last(), value);
        });
        return rows;
    }

    /** Every instance under {@code column}, by its full OID in walk order: for tables indexed by more than one sub-identifier. */
    LinkedHashMap<OID, Variable> walk(OID column) throws SnmpFailure {
        LinkedHashMap<OID, Variable> rows = new LinkedHashMap<>();
        OID next = column;
        while (rows.size() < MAX_ROWS) {
            PDU pdu = newPdu(PDU.GETBULK);
            pdu.setMaxRepetitions(BULK_REPETITIONS);
            pdu.setNonRepeaters(0);
            pdu.add(new VariableBinding(next));
            List<? extends VariableBinding> got = exchange(pdu).getVariableBindings();
            if (got.isEmpty()) {
                return rows;
            }
            for (VariableBinding vb : got) {
                OID oid = vb.getOid();
                if (vb.getVariable().isException() || !oid.startsWith(column) || oid.size() <= column.size()) {
                    return rows;
                }
                if (oid.compareTo(next) <= 0) {
                    throw new SnmpFailure(ResultStatus.FAILED, "the router at " + endpoint + " answered a walk out of order");
                }
                rows.put(oid, vb.getVariable());
                next = oid;
            }
        }
        return rows;
    }

    private PDU newPdu(int type) {
        PDU pdu = version == SnmpVersion.V3 ? new ScopedPDU() : new PDU();
        pdu.setType(type);
        return pdu;
    }

    private PDU exchange(PDU request) throws SnmpFailure {
        ResponseEvent<UdpAddress> event;
        try {
            event = snmp.send(request, target);
        } catch (IOException | RuntimeException e) {
            throw new SnmpFailure(ResultStatus.FAILED, "cannot send to the router at " + endpoint + ": " + e.getMessage());
        }
        if (event == null || event.getResponse() == null) {
            if (event != null && event.getError() != null) {
                throw new SnmpFailure(ResultStatus.FAILED, "no answer from the router at " + endpoint + ": " + event.getError().getMessage());
            }
            long waitedMs = timeout.toMillis() * (retries + 1);
            // routers drop a wrong community silently, and SNMP4J discards the unauthenticated report of a wrong digest
            String likely = version == SnmpVersion.V2C ? "a wrong community gets no answer; or "
                    : "a wrong auth passphrase or auth protocol for user " + user + " gets no usable answer; or ";
            throw new SnmpFailure(ResultStatus.FAILED, "no SNMP answer from " + endpoint + " within " + waitedMs + " ms ("
                    + likely + "the host, port or the router's access list)");
        }
        PDU response = event.getResponse();
        if (response.getType() == PDU.REPORT) {
            throw new SnmpFailure(ResultStatus.FAILED, report(response));
        }
        if (response.getErrorStatus() != PDU.noError) {
            throw new SnmpFailure(ResultStatus.FAILED, "the router at " + endpoint + " refused the request: " + response.getErrorStatusText()
                    + " (check that the credentials may read IF-MIB and IP-MIB)");
        }
        return response;
    }

    private String report(PDU response) {
        OID oid = response.getVariableBindings().isEmpty() ? new OID() : response.get(0).getOid();
        String who = "SNMPv3 user " + user + " at " + endpoint;
        if (oid.startsWith(SnmpConstants.usmStatsWrongDigests)) {
            return "authentication failed for " + who + ": wrong auth passphrase or auth protocol (usmStatsWrongDigests)";
        }
        if (oid.startsWith(SnmpConstants.usmStatsUnknownUserNames)) {
            return "the router does not know the " + who + " (usmStatsUnknownUserNames)";
        }
        if (oid.startsWith(SnmpConstants.usmStatsDecryptionErrors)) {
            return "decryption failed for " + who + ": wrong priv passphrase or priv protocol (usmStatsDecryptionErrors)";
        }
        if (oid.startsWith(SnmpConstants.usmStatsUnsupportedSecLevels)) {
            return "the router does not offer authPriv for " + who + " (usmStatsUnsupportedSecLevels)";
        }
        if (oid.startsWith(SnmpConstants.usmStatsNotInTimeWindows)) {
            return "the router keeps rejecting the time window for " + who + " (usmStatsNotInTimeWindows)";
        }
        return "the router at " + endpoint + " answered with an SNMP report " + oid;
    }

    @Override
    public void close() {
        closeQuietly(snmp);
    }

    private static void closeQuietly(Snmp snmp) {
        if (snmp != null) {
            try {
                snmp.close();
            } catch (IOException ignored) {
                // a socket that fails to close leaves nothing to do
            }
        }
    }
}
