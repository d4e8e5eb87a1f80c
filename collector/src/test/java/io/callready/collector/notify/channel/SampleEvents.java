package io.callready.collector.notify.channel;

import io.callready.collector.notify.NotificationEvent;
import io.callready.collector.notify.NotificationEvent.AlertInfo;
import io.callready.collector.notify.NotificationEvent.IncidentInfo;
import io.callready.collector.notify.NotificationEvent.IncidentSite;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Fixed events for the renderer tests. */
final class SampleEvents {
    static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");
    static final UUID CUSTOMER = UUID.fromString("11111111-1111-1111-1111-111111111111");
    static final UUID SITE = UUID.fromString("22222222-2222-2222-2222-222222222222");

    private SampleEvents() {
    }

    static NotificationEvent firing() {
        return new NotificationEvent(NotificationEvent.FIRING, AT, alert(null), null);
    }

    static NotificationEvent resolved() {
        return new NotificationEvent(NotificationEvent.RESOLVED, AT.plusSeconds(600), alert(AT.plusSeconds(600)), null);
    }

    static NotificationEvent incident(int sites) {
        List<IncidentSite> list = new ArrayList<>();
        for (int i = 0; i < sites; i++) {
            list.add(new IncidentSite(CUSTOMER, "Acme Dental", UUID.randomUUID(), "Branch " + i, "loss_ratio", "critical"));
        }
        return new NotificationEvent(NotificationEvent.INCIDENT_OPENED, AT,
                null, new IncidentInfo(UUID.fromString("33333333-3333-3333-3333-333333333333"), "sip.voice.getsmartalex.com:5060",
                "critical", AT, null, list));
    }

    private static AlertInfo alert(Instant resolvedAt) {
        return new AlertInfo(UUID.fromString("44444444-4444-4444-4444-444444444444"),
                "callready:" + SITE + ":reflector.example.net:5004:jitter_ms", "quality", CUSTOMER, "Acme Dental", SITE,
                "Head office", "reflector.example.net:5004", "jitter_ms", "critical", 42.5, 30.0, AT, resolvedAt, null);
    }

    static Channel channel(ChannelKind kind, String secret) {
        return new Channel(UUID.randomUUID(), "test", kind, "https://receiver.example/hook", secret);
    }
}
