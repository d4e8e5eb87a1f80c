package io.callready.collector.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callready.collector.notify.DeliveryWorker;
import io.callready.collector.support.Api;
import io.callready.collector.support.Api.TestTenant;
import io.callready.collector.support.Receiver;
import io.callready.collector.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One cross-site incident spanning two customers: A's one site at warning, B's two sites critical. Each customer's
 * channel routes by its own sites' severity and hears only of its own sites (names, ids, count, severity); an
 * MSP-wide channel hears of all three. A's critical channel hears when A's own site turns critical; a customer
 * whose site joins the open incident later hears of it then.
 */
@QuarkusTest
class IncidentRoutingIT {
    private static final double WARNING_JITTER_MS = 25;
    private static final double CRITICAL_JITTER_MS = 35;

    @Inject
    TestClock clock;
    @Inject
    AlertEvaluator evaluator;
    @Inject
    DeliveryWorker worker;
    @Inject
    ObjectMapper mapper;

    private AlertTimeline timeline;
    private final List<Receiver> receivers = new ArrayList<>();
    private final List<String> channels = new ArrayList<>();

    @BeforeEach
    void start() {
        clock.set(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        timeline = new AlertTimeline(clock, evaluator);
    }

    @AfterEach
    void stop() {
        channels.forEach(id -> Api.asAdmin().delete("/api/v1/channels/{id}", id));
        receivers.forEach(Receiver::close);
        clock.useSystemTime();
    }

    @Test
    void eachCustomersChannelRoutesByAndSeesOnlyItsOwnSites() throws Exception {
        TestTenant a = Api.newTenant();
        TestTenant b1 = Api.newTenant();
        TestTenant b2 = secondSite(b1);
        String target = "sbc-" + UUID.randomUUID().toString().substring(0, 8) + ".example.net:5060";

        Receiver aCritical = receiver();
        Receiver aWarning = receiver();
        Receiver bCritical = receiver();
        Receiver mspWide = receiver();
        channel(aCritical, a.customerId(), "critical");
        channel(aWarning, a.customerId(), "warning");
        channel(bCritical, b1.customerId(), "critical");
        channel(mspWide, null, "warning");

        Map<TestTenant, Double> jitter = new LinkedHashMap<>();
        jitter.put(a, WARNING_JITTER_MS);
        jitter.put(b1, CRITICAL_JITTER_MS);
        jitter.put(b2, CRITICAL_JITTER_MS);
        for (int i = 0; i < 5; i++) {
            timeline.step(jitter, target);
        }
        worker.deliverDue();

        assertThat(aCritical.requests()).as("B's critical sites must not lift A's incident to critical").isEmpty();

        JsonNode forA = onlyIncident(aWarning, target);
        assertThat(forA.at("/data/incident/severity").asText()).isEqualTo("warning");
        assertThat(forA.at("/data/incident/sites")).hasSize(1);
        assertThat(forA.at("/data/incident/sites/0/siteId").asText()).isEqualTo(a.siteId().toString());
        assertThat(forA.at("/data/summary").asText()).isEqualTo("[WARNING] Incident: 1 sites breaching towards " + target);
        String rawForA = aWarning.requests().getFirst().body();
        for (String bSecret : List.of(b1.customerId().toString(), b1.siteId().toString(), b2.siteId().toString(),
                customerName(b1), siteName(b1), siteName(b2))) {
            assertThat(rawForA).as("A's message names nothing of B").doesNotContain(bSecret);
        }

        JsonNode forB = onlyIncident(bCritical, target);
        assertThat(forB.at("/data/incident/severity").asText()).isEqualTo("critical");
        assertThat(forB.at("/data/incident/sites")).hasSize(2);
        assertThat(bCritical.requests().getFirst().body()).doesNotContain(a.siteId().toString(), siteName(a), customerName(a));

        JsonNode forMsp = onlyIncident(mspWide, target);
        assertThat(forMsp.at("/data/incident/severity").asText()).isEqualTo("critical");
        assertThat(forMsp.at("/data/incident/sites")).hasSize(3);
        assertThat(forMsp.at("/data/summary").asText()).isEqualTo("[CRITICAL] Incident: 3 sites breaching towards " + target);

        // A's own site turns critical: now, and only now, A's critical channel hears of the incident, of A's site alone.
        jitter.put(a, CRITICAL_JITTER_MS);
        for (int i = 0; i < 3; i++) {
            timeline.step(jitter, target);
        }
        worker.deliverDue();
        List<JsonNode> escalated = incidentMessages(aCritical, target);
        assertThat(escalated).extracting(n -> n.path("type").asText()).containsExactly("incident.opened");
        assertThat(escalated.getFirst().at("/data/incident/severity").asText()).isEqualTo("critical");
        assertThat(escalated.getFirst().at("/data/incident/sites")).hasSize(1);
        assertThat(escalated.getFirst().at("/data/incident/sites/0/siteId").asText()).isEqualTo(a.siteId().toString());
        assertThat(aCritical.requests().getFirst().body()).doesNotContain(b1.siteId().toString(), b2.siteId().toString(), customerName(b1));
        onlyIncident(aWarning, target);
        onlyIncident(bCritical, target);
        onlyIncident(mspWide, target);
    }

    @Test
    void aCustomerWhoseSitesJoinAnOpenIncidentHearsOfItThenWithOnlyItsOwnSites() throws Exception {
        TestTenant a = Api.newTenant();
        TestTenant b1 = Api.newTenant();
        TestTenant b2 = secondSite(b1);
        TestTenant late = Api.newTenant();
        String target = "sbc-" + UUID.randomUUID().toString().substring(0, 8) + ".example.net:5060";
        Receiver forA = receiver();
        Receiver forLate = receiver();
        Receiver mspWide = receiver();
        channel(forA, a.customerId(), "warning");
        channel(forLate, late.customerId(), "warning");
        channel(mspWide, null, "warning");

        Map<TestTenant, Double> jitter = new LinkedHashMap<>();
        jitter.put(a, CRITICAL_JITTER_MS);
        jitter.put(b1, CRITICAL_JITTER_MS);
        jitter.put(b2, CRITICAL_JITTER_MS);
        for (int i = 0; i < 5; i++) {
            timeline.step(jitter, target);
        }
        jitter.put(late, WARNING_JITTER_MS);
        for (int i = 0; i < 5; i++) {
            timeline.step(jitter, target);
        }
        worker.deliverDue();

        JsonNode forLateCustomer = onlyIncident(forLate, target);
        assertThat(forLateCustomer.at("/data/incident/sites")).hasSize(1);
        assertThat(forLateCustomer.at("/data/incident/sites/0/siteId").asText()).isEqualTo(late.siteId().toString());
        assertThat(forLateCustomer.at("/data/incident/severity").asText()).isEqualTo("warning");
        assertThat(forLate.requests().getFirst().body()).doesNotContain(a.siteId().toString(), b1.siteId().toString(), b2.siteId().toString());
        assertThat(onlyIncident(forA, target).at("/data/incident/sites")).as("A heard once, of its own site").hasSize(1);
        assertThat(onlyIncident(mspWide, target).at("/data/incident/sites")).as("the MSP heard once, at the opening").hasSize(3);
    }

    /** The one incident message about this target (an MSP-wide receiver may also hear other tests' events). */
    private JsonNode onlyIncident(Receiver receiver, String target) throws Exception {
        List<JsonNode> incidents = incidentMessages(receiver, target);
        assertThat(incidents).extracting(n -> n.path("type").asText()).containsExactly("incident.opened");
        return incidents.getFirst();
    }

    private List<JsonNode> incidentMessages(Receiver receiver, String target) throws Exception {
        List<JsonNode> incidents = new ArrayList<>();
        for (Receiver.Request r : receiver.requests()) {
            JsonNode body = mapper.readTree(r.body());
            if (target.equals(body.at("/data/incident/target").asText())) {
                incidents.add(body);
            }
        }
        return incidents;
    }

    private static TestTenant secondSite(TestTenant first) {
        String siteId = Api.asAdmin().body(Map.of("name", "second-" + UUID.randomUUID().toString().substring(0, 8)))
                .post("/api/v1/customers/{c}/sites", first.customerId()).then().statusCode(201).extract().path("id");
        var agent = Api.asAdmin().body(Map.of("name", "agent-2")).post("/api/v1/sites/{s}/agents", siteId)
                .then().statusCode(201).extract();
        return new TestTenant(first.customerId(), UUID.fromString(siteId), UUID.fromString(agent.path("id")), agent.path("token"));
    }

    private static String customerName(TestTenant t) {
        return Api.asAdmin().get("/api/v1/customers/{c}", t.customerId()).then().statusCode(200).extract().path("name");
    }

    private static String siteName(TestTenant t) {
        return Api.asAdmin().get("/api/v1/sites/{s}", t.siteId()).then().statusCode(200).extract().path("name");
    }

    private Receiver receiver() throws Exception {
        Receiver r = Receiver.start();
        receivers.add(r);
        return r;
    }

    private void channel(Receiver receiver, UUID customer, String minSeverity) {
        Map<String, Object> route = new HashMap<>();
        route.put("customerId", customer == null ? null : customer.toString());
        route.put("minSeverity", minSeverity);
        channels.add(Api.asAdmin().body(Map.of("name", "route-" + UUID.randomUUID(), "kind", "webhook",
                        "url", receiver.url("/hook"), "routes", List.of(route)))
                .post("/api/v1/channels").then().statusCode(201).extract().path("id"));
    }
}
