package io.callready.collector.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callready.collector.support.Api;
import io.callready.collector.support.Api.TestTenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route with an id in the OpenAPI document, every verb, called by customer A's scoped tokens (admin and
 * read-only) with customer B's ids and with random ids: the answers must be identical (status, content type and
 * body once the ids are blanked), so no answer tells A that one of B's ids exists. B's data must survive.
 */
@QuarkusTest
class ForeignIdIT {
    private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z]+)}");
    private static final Pattern ANY_UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final List<String> VERBS = List.of("get", "put", "patch", "post", "delete");
    private static final String PLAN = """
            {"probes": [{"kind": "rtp_burst", "name": "pbx", "reflector": "pbx.example.net:5004", "interval": "5m"}]}""";
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Call(String verb, String template, Map<String, String> ids) {
        String path() {
            String path = template;
            for (Map.Entry<String, String> id : ids.entrySet()) {
                path = path.replace("{" + id.getKey() + "}", id.getValue());
            }
            return path;
        }
    }

    @Test
    void aForeignIdAnswersExactlyLikeAnUnknownOneOnEveryRoute() throws Exception {
        TestTenant a = Api.newTenant();
        TestTenant b = Api.newTenant();
        Map<String, String> bIds = foreignIds(b);
        String adminA = Api.staffToken("admin", a.customerId());
        String readOnlyA = Api.staffToken("read_only", a.customerId());

        JsonNode paths = JSON.readTree(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().asString()).path("paths");
        List<String> compared = new ArrayList<>();
        for (var entry : paths.properties()) {
            String template = entry.getKey();
            List<String> params = params(template);
            // share links (/r/{token}): the token is the credential, not a tenant id; ReportLinkIT covers them
            if (params.isEmpty() || template.startsWith("/api/v1/agent/") || template.startsWith("/r/")) {
                continue;
            }
            for (String verb : VERBS) {
                if (!entry.getValue().has(verb)) {
                    continue;
                }
                for (Map<String, String> foreign : variants(template, params, bIds, a)) {
                    Map<String, String> unknown = unknownFor(foreign, bIds);
                    for (String token : List.of(adminA, readOnlyA)) {
                        compare(new Call(verb, template, foreign), new Call(verb, template, unknown), token);
                    }
                    compared.add(verb.toUpperCase() + " " + new Call(verb, template, foreign).path());
                }
            }
        }

        assertThat(String.join("\n", compared)).contains("/customers/" + b.customerId() + "/sites", "/sites/" + b.siteId() + "/agents",
                "/agents/" + b.agentId(), "/plan", "/thresholds", "/silences/" + bIds.get("silenceId"), "/enrollment-codes",
                "/tokens/" + bIds.get("tokenId"), "/channels/" + bIds.get("channelId"), "/alerts", "/incidents",
                "/reports/" + bIds.get("reportId"));
        assertThat(compared).hasSizeGreaterThan(30);
        Api.asAdmin().get("/api/v1/sites/{s}", b.siteId()).then().statusCode(200);
        Api.asAdmin().get("/api/v1/agents/{a}", b.agentId()).then().statusCode(200).body("revokedAt", org.hamcrest.Matchers.nullValue());
        Api.asAdmin().get("/api/v1/customers/{c}/plan", b.customerId()).then().statusCode(200);
        Api.asAdmin().get("/api/v1/tokens/{t}", bIds.get("tokenId")).then().statusCode(200);
    }

    /** B's ids by path parameter name; the channel is MSP-wide, routed to B. */
    private static Map<String, String> foreignIds(TestTenant b) {
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("customerId", b.customerId().toString());
        ids.put("siteId", b.siteId().toString());
        ids.put("agentId", b.agentId().toString());
        Api.asAdmin().body(PLAN).put("/api/v1/customers/{c}/plan", b.customerId()).then().statusCode(200);
        ids.put("silenceId", Api.asAdmin().body(Map.of("duration", "1h", "comment", "b's window"))
                .post("/api/v1/customers/{c}/silences", b.customerId()).then().statusCode(201).extract().path("id"));
        ids.put("tokenId", Api.asAdmin().body(Map.of("name", "b-token-" + UUID.randomUUID(), "role", "read_only",
                "customerId", b.customerId().toString())).post("/api/v1/tokens").then().statusCode(201).extract().path("id"));
        ids.put("channelId", Api.asAdmin().body(Map.of("name", "b-channel-" + UUID.randomUUID(), "kind", "slack",
                        "url", "http://127.0.0.1:9/hook", "routes", List.of(Map.of("customerId", b.customerId().toString()))))
                .post("/api/v1/channels").then().statusCode(201).extract().path("id"));
        ids.put("reportId", Api.asAdmin().body(Map.of()).post("/api/v1/sites/{s}/reports", b.siteId())
                .then().statusCode(201).extract().path("id"));
        return ids;
    }

    /** All of B's ids; and for nested routes also A's own parent with B's child (B's silence under A). */
    private static List<Map<String, String>> variants(String template, List<String> params, Map<String, String> bIds, TestTenant a) {
        List<Map<String, String>> variants = new ArrayList<>();
        Map<String, String> allForeign = new LinkedHashMap<>();
        params.forEach(p -> allForeign.put(p, bIds.get(idName(template, p))));
        variants.add(allForeign);
        if (params.size() > 1) {
            variants.add(withOwn(params, a, bIds));
        }
        return variants;
    }

    private static Map<String, String> withOwn(List<String> params, TestTenant a, Map<String, String> bIds) {
        Map<String, String> mixed = new LinkedHashMap<>();
        for (int n = 0; n < params.size(); n++) {
            String p = params.get(n);
            mixed.put(p, n < params.size() - 1 ? own(p, a) : bIds.get(p));
        }
        return mixed;
    }

    /** The unknown counterpart: A's own ids stay, every one of B's ids becomes a random id. */
    private static Map<String, String> unknownFor(Map<String, String> foreign, Map<String, String> bIds) {
        Map<String, String> out = new LinkedHashMap<>();
        foreign.forEach((p, id) -> out.put(p, bIds.containsValue(id) ? UUID.randomUUID().toString() : id));
        return out;
    }

    private static String own(String param, TestTenant a) {
        return switch (param) {
            case "customerId" -> a.customerId().toString();
            case "siteId" -> a.siteId().toString();
            default -> throw new IllegalArgumentException("no own id for " + param);
        };
    }

    /** {id} is named after its collection. */
    private static String idName(String template, String param) {
        if (!param.equals("id")) {
            return param;
        }
        if (template.startsWith("/api/v1/tokens/")) {
            return "tokenId";
        }
        if (template.startsWith("/api/v1/channels/")) {
            return "channelId";
        }
        throw new IllegalArgumentException("unknown collection for {id} in " + template);
    }

    private static void compare(Call foreign, Call unknown, String token) {
        String body = body(foreign.template());
        Response f = Api.as(token).body(body).request(foreign.verb(), foreign.path());
        Response u = Api.as(token).body(body).request(unknown.verb(), unknown.path());
        String what = foreign.verb().toUpperCase() + " " + foreign.template();
        assertThat(f.statusCode()).as(what + " with B's ids must not succeed: " + f.asString()).isGreaterThanOrEqualTo(400);
        assertThat(f.statusCode()).as(what + ": status for B's ids vs unknown ids").isEqualTo(u.statusCode());
        assertThat(f.contentType()).as(what + ": content type").isEqualTo(u.contentType());
        assertThat(blankIds(f.asString())).as(what + ": body for B's ids vs unknown ids").isEqualTo(blankIds(u.asString()));
    }

    /** A body the route would accept, so the answer is decided by the id, not by validation. */
    private static String body(String template) {
        if (template.endsWith("/customers/{customerId}/plan")) {
            return PLAN;
        }
        if (template.endsWith("/sites/{siteId}/plan")) {
            return "{}";
        }
        if (template.endsWith("/thresholds")) {
            return "{\"jitter_ms\": {\"warning\": 25, \"critical\": 40}}";
        }
        if (template.contains("/silences")) {
            return "{\"duration\": \"1h\", \"comment\": \"probe\"}";
        }
        if (template.endsWith("/enrollment-codes") || template.endsWith("/reports")) {
            return "{}";
        }
        return "{\"name\": \"probe-" + UUID.randomUUID().toString().substring(0, 8) + "\"}";
    }

    private static String blankIds(String text) {
        return ANY_UUID.matcher(text).replaceAll("ID");
    }

    private static List<String> params(String template) {
        List<String> names = new ArrayList<>();
        Matcher m = PARAM.matcher(template);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
