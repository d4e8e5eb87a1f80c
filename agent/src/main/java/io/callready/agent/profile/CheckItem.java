package io.callready.agent.profile;

import java.util.Locale;

/**
 * One line of the pre-flight checklist.
 *
 * @param id       stable identifier, e.g. {@code sip:sip-east.dialstack.ai:udp}
 * @param title    what was checked, for people
 * @param status   pass, warn, fail or skipped
 * @param evidence what was seen (or, when skipped, why it was not checked)
 * @param fix      what to change, or null when nothing needs changing
 */
public record CheckItem(String id, String title, Status status, String evidence, String fix) {

    public enum Status {
        PASS, WARN, FAIL, SKIPPED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
