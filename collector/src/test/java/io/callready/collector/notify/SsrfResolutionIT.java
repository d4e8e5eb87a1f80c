package io.callready.collector.notify;

import io.callready.collector.support.Api;
import io.callready.collector.support.Receiver;
import io.callready.collector.support.TestDns;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Channel host names answered by the test DNS resolver ({@link TestDns}) with every IPv6 form of a refused IPv4
 * address: refused when the channel is saved, and refused at delivery when the name rebinds to such a form after
 * it was saved with an allowed address (loopback is allowed in tests by %test.callready.notify.allowed-networks,
 * but only as 127.0.0.1 itself, not in another spelling).
 */
@QuarkusTest
class SsrfResolutionIT {
    /** A DNS answer and the words of its refusal. */
    private static final Map<String, String> REFUSED_FORMS = new LinkedHashMap<>();

    static {
        REFUSED_FORMS.put("::ffff:127.0.0.1", "an IPv4-mapped IPv6 address of 127.0.0.1, a loopback address");
        REFUSED_FORMS.put("::ffff:169.254.169.254", "an IPv4-mapped IPv6 address of 169.254.169.254, a link-local address");
        REFUSED_FORMS.put("::ffff:0:7f00:1", "an IPv4-translated IPv6 address (::ffff:0:0:0/96) of 127.0.0.1");
        REFUSED_FORMS.put("::7f00:1", "an IPv4-compatible IPv6 address");
        REFUSED_FORMS.put("64:ff9b::7f00:1", "a NAT64 address (64:ff9b::/96) of 127.0.0.1, a loopback address");
        REFUSED_FORMS.put("64:ff9b::a00:5", "a NAT64 address (64:ff9b::/96) of 10.0.0.5, a private address");
        REFUSED_FORMS.put("64:ff9b:1::5db8:d822", "a local-use NAT64 address (64:ff9b:1::/48)");
        REFUSED_FORMS.put("2002:7f00:1::1", "a 6to4 address (2002::/16) of 127.0.0.1, a loopback address");
        REFUSED_FORMS.put("2001:0:4136:e378:8000:63bf:80ff:fffe", "a Teredo address (2001::/32) for client 127.0.0.1");
        REFUSED_FORMS.put("::1", "a loopback address");
        REFUSED_FORMS.put("fe80::1", "a link-local address");
        REFUSED_FORMS.put("fd00::1", "a private address (unique local fc00::/7)");
        REFUSED_FORMS.put("127.0.0.2", "a loopback address");
    }

    @Inject
    TestDns dns;
    @Inject
    DeliveryWorker worker;

    private final List<String> names = new ArrayList<>();
    private final List<String> channels = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        names.forEach(dns::forget);
        channels.forEach(id -> Api.asAdmin().delete("/api/v1/channels/{id}", id));
    }

    @Test
    void aNameResolvingToAnyFormOfARefusedAddressIsRefusedWhenSaved() {
        for (Map.Entry<String, String> form : REFUSED_FORMS.entrySet()) {
            String host = name();
            dns.answer(host, "93.184.216.34", form.getKey());
            Api.asAdmin().body(Map.of("name", "form-" + host, "kind", "slack", "url", "https://" + host + "/hook"))
                    .post("/api/v1/channels").then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("url"))
                    .body("errors[0].message", containsString(host + " resolves to "))
                    .body("errors[0].message", containsString(form.getValue()));
        }
    }

    @Test
    void aNameThatRebindsAfterItWasSavedIsRefusedAtDelivery() throws Exception {
        for (String rebound : List.of("::ffff:127.0.0.1", "64:ff9b::7f00:1", "2002:7f00:1::1")) {
            try (Receiver receiver = Receiver.start()) {
                String host = name();
                dns.answer(host, "127.0.0.1");
                String channel = Api.asAdmin().body(Map.of("name", "rebind-" + host, "kind", "webhook",
                                "url", "http://" + host + ":" + receiver.port() + "/hook"))
                        .post("/api/v1/channels").then().statusCode(201).extract().path("id");
                channels.add(channel);
                sendTest(channel);
                worker.deliverDue();
                assertThat(receiver.requests()).as("delivered while %s resolves to the allowed address", host).hasSize(1);
                assertThat(receiver.requests().getFirst().header("Host")).isEqualTo(host + ":" + receiver.port());

                dns.answer(host, rebound);
                sendTest(channel);
                worker.deliverDue();
                assertThat(receiver.requests()).as("nothing reaches the receiver after %s rebinds to %s", host, rebound).hasSize(1);
                Map<String, Object> refused = Api.asAdmin().get("/api/v1/channels/{id}/deliveries", channel)
                        .then().statusCode(200).extract().path("[0]");
                assertThat(refused).containsEntry("status", "failed");
                assertThat((String) refused.get("lastError")).contains("refused by the SSRF guard", host + " resolves to ", "127.0.0.1, a loopback address");
            }
        }
    }

    private String name() {
        String host = "h" + UUID.randomUUID().toString().substring(0, 8) + ".ssrf.test";
        names.add(host);
        return host;
    }

    private static void sendTest(String channel) {
        Api.asAdmin().post("/api/v1/channels/{id}/test", channel).then().statusCode(202);
    }
}
