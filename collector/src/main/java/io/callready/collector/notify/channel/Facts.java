package io.callready.collector.notify.channel;

import io.callready.collector.notify.NotificationEvent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The name/value lines chat messages show under the summary. */
final class Facts {
    /** Incidents can span hundreds of sites; chat receivers cap message size (Teams 28 KB, Slack blocks 3000 chars). */
    static final int MAX_SITES_LISTED = 20;

    private Facts() {
    }

    static Map<String, String> of(NotificationEvent event) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("Event", event.type());
        var a = event.alert();
        if (a != null) {
            facts.put("Customer", a.customerName());
            facts.put("Site", a.siteName());
            if (a.target() != null) {
                facts.put("Target", a.target());
            }
            facts.put("Metric", a.metric());
            facts.put("Severity", a.severity());
            facts.put("Started", String.valueOf(a.startedAt()));
            if (a.resolvedAt() != null) {
                facts.put("Resolved", a.resolvedAt().toString());
            }
        }
        var i = event.incident();
        if (i != null) {
            facts.put("Target", i.target());
            facts.put("Sites", Integer.toString(i.sites().size()));
            facts.put("Opened", String.valueOf(i.openedAt()));
            if (i.resolvedAt() != null) {
                facts.put("Resolved", i.resolvedAt().toString());
            }
        }
        return facts;
    }

    /** "customer / site (metric, severity)" per incident site, cut at {@link #MAX_SITES_LISTED}. */
    static List<String> siteLines(NotificationEvent event) {
        List<String> lines = new ArrayList<>();
        if (event.incident() == null) {
            return lines;
        }
        var sites = event.incident().sites();
        for (int n = 0; n < Math.min(sites.size(), MAX_SITES_LISTED); n++) {
            var s = sites.get(n);
            lines.add(s.customerName() + " / " + s.siteName() + " (" + s.metric() + ", " + s.severity() + ")");
        }
        if (sites.size() > MAX_SITES_LISTED) {
            lines.add("... and " + (sites.size() - MAX_SITES_LISTED) + " more");
        }
        return lines;
    }
}
