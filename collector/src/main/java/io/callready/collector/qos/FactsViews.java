package io.callready.collector.qos;

import com.fasterxml.jackson.annotation.JsonInclude;

/** JSON shapes of the site-facts API (issue 11): what the QoS advisor knows about a site besides its plan. */
public final class FactsViews {
    private FactsViews() {
    }

    /** Body of PUT /api/v1/customers/{id}/facts; a missing key leaves the default (UTC, unknown). */
    public record CustomerFactsRequest(String timeZone, Integer maxSimultaneousCalls) {
    }

    /** Body of PUT /api/v1/sites/{id}/facts; a missing or null key inherits from the customer (or means none). */
    public record SiteFactsRequest(String timeZone, Integer peakCalls, String profile) {
    }

    public record CustomerFactsView(String timeZone, Integer maxSimultaneousCalls) {
    }

    /**
     * What is set on the site, and what the advisor uses ({@code effective*}): the site's value, else its customer's.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record SiteFactsView(String timeZone, Integer peakCalls, String profile, String effectiveTimeZone,
                                Integer effectivePeakCalls) {
    }
}
