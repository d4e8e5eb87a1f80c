package io.callready.agent.profile;

import io.callready.report.ChecklistAreas;
import io.callready.report.CheckState;
import io.callready.report.ReportBuilder;
import io.callready.report.ReportInput;
import io.callready.report.RouterItem;
import io.callready.report.render.ReportPage;

import java.time.Instant;
import java.util.List;

/**
 * The one-shot check as the readiness page (the same templates the collector's share links serve). A one-shot
 * check measures no quality window and has no busy-hour history: those sections say so.
 */
public final class ChecklistReport {
    private ChecklistReport() {
    }

    /** @param site what the technician calls the site (the host name when not given); @param calls declared, or null */
    public static String html(Checklist checklist, String site, Integer calls, Instant now) {
        List<RouterItem> items = checklist.items().stream()
                .map(i -> new RouterItem(ChecklistAreas.of(i.id()), i.title(), CheckState.valueOf(i.status().name()),
                        i.evidence(), i.fix()))
                .toList();
        String where = "one-shot check by the agent" + (checklist.reflector() == null ? "" : ", reflector " + checklist.reflector());
        Instant to = checklist.startedAt().plusMillis(checklist.durationMs());
        return ReportPage.render(ReportBuilder.build(new ReportInput(site, null, where, checklist.startedAt(), to, now,
                List.of(), items, checklist.profile(), calls, null)));
    }
}
