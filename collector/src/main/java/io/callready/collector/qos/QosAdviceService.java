package io.callready.collector.qos;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callready.advice.render.Vendor;
import io.callready.advice.render.VendorConfigs;
import io.callready.collector.problem.FieldError;
import io.callready.collector.problem.ProblemException;
import io.callready.collector.qos.AssessmentStore.Stored;
import io.callready.collector.tenant.Site;
import io.callready.collector.tenant.TenantService;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads stored assessments for the API; nothing here computes. Scope first: a foreign site or customer answers
 * exactly like an unknown one.
 */
@ApplicationScoped
public class QosAdviceService {
    /** Worst first: the order of the customer list. */
    static final List<String> VERDICT_ORDER = List.of("congestion_upstream", "congestion_downstream", "not_traffic_related",
            "qos_effective", "insufficient_data");
    private static final Pattern LINUX_IFNAME = Pattern.compile("[A-Za-z0-9_.:@-]{1,15}");

    @Inject
    TenantService tenants;
    @Inject
    AssessmentStore store;
    @Inject
    ObjectMapper mapper;

    /** A site's assessment as stored, with when it was computed. */
    public record Advice(UUID siteId, String verdict, Instant computedAt, StoredAssessment stored) {
    }

    public record SiteVerdict(UUID siteId, String siteName, String verdict, String confidence, Instant computedAt) {
    }

    /** Sites of a customer by verdict (worst first), and those not assessed yet. */
    public record CustomerVerdicts(UUID customerId, Map<String, Integer> counts, List<SiteVerdict> sites, List<UUID> notAssessed) {
    }

    public Advice advice(UUID siteId) {
        tenants.visibleSite(siteId);
        Stored s = store.of(siteId).orElseThrow(() -> ProblemException.notFound("Site " + siteId
                + " has no QoS assessment yet: the qos-advice job assesses a site after its first wan_traffic or rtp_burst results"));
        return new Advice(siteId, s.verdict(), s.computedAt(), read(s));
    }

    /** Checked before the site is looked up, like every query parameter. */
    static Vendor vendor(String text) {
        try {
            return Vendor.parse(text);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("vendor", "unknown vendor '" + FieldError.clip(text) + "', expected one of "
                    + java.util.Arrays.stream(Vendor.values()).map(Vendor::wireName).toList());
        }
    }

    static Map<String, String> params(String wanIf) {
        if (wanIf == null) {
            return Map.of();
        }
        if (!LINUX_IFNAME.matcher(wanIf).matches()) {
            throw ProblemException.badRequest("wan_if", "must be a network interface name such as eth0, got '" + FieldError.clip(wanIf) + "'");
        }
        return Map.of(VendorConfigs.WAN_IF, wanIf);
    }

    public String render(UUID siteId, Vendor vendor, Map<String, String> params) {
        StoredAssessment s = advice(siteId).stored();
        return VendorConfigs.render(vendor, s.assessment(), s.facts(), params);
    }

    public CustomerVerdicts customer(UUID customerId) {
        tenants.visibleCustomer(customerId);
        Map<UUID, String> names = new LinkedHashMap<>();
        Site.<Site>list("customerId", Sort.by("name"), customerId).forEach(s -> names.put(s.id, s.name));
        List<SiteVerdict> sites = new ArrayList<>();
        for (Stored s : store.ofCustomer(customerId)) {
            if (names.containsKey(s.siteId())) {
                var confidence = read(s).assessment().confidence();
                sites.add(new SiteVerdict(s.siteId(), names.remove(s.siteId()), s.verdict(),
                        confidence == null ? null : confidence.wireName(), s.computedAt()));
            }
        }
        sites.sort(Comparator.comparingInt((SiteVerdict v) -> rank(v.verdict())).thenComparing(SiteVerdict::siteName));
        Map<String, Integer> counts = new LinkedHashMap<>();
        sites.forEach(v -> counts.merge(v.verdict(), 1, Integer::sum));
        return new CustomerVerdicts(customerId, counts, sites, List.copyOf(names.keySet()));
    }

    private static int rank(String verdict) {
        int i = VERDICT_ORDER.indexOf(verdict);
        return i < 0 ? VERDICT_ORDER.size() : i;
    }

    private StoredAssessment read(Stored s) {
        try {
            return mapper.readValue(s.assessment(), StoredAssessment.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored QoS assessment of site " + s.siteId() + " does not read", e);
        }
    }
}
