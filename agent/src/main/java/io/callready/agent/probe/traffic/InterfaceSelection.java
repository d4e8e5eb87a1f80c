package io.callready.agent.probe.traffic;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Picks the one interface whose ifName, ifDescr or ifAlias equals the plan's value (exactly, as routers spell them:
 * {@code pppoe-wan} and {@code PPPoE-WAN} may be different ports). Pure.
 */
final class InterfaceSelection {
    private static final int MAX_LISTED = 12;

    private InterfaceSelection() {
    }

    /** The chosen ifIndex, or the reason none can be chosen. */
    record Choice(Integer ifIndex, String problem) {
    }

    /**
     * @param column  the selector's column name, e.g. {@code ifName}
     * @param wanted  the plan's value
     * @param values  that column of the router's table, by ifIndex
     */
    static Choice byValue(String column, String wanted, Map<Integer, String> values) {
        List<Integer> matches = values.entrySet().stream().filter(e -> wanted.equals(e.getValue())).map(Map.Entry::getKey).toList();
        if (matches.size() == 1) {
            return new Choice(matches.getFirst(), null);
        }
        if (matches.isEmpty()) {
            return new Choice(null, "no interface has " + column + " '" + wanted + "'; the router has " + listing(values)
                    + " (callready-agent check --snmp lists them)");
        }
        return new Choice(null, matches.size() + " interfaces have " + column + " '" + wanted + "' (ifIndex "
                + matches.stream().map(String::valueOf).collect(Collectors.joining(", "))
                + "); choose by ifName or ifIndex instead");
    }

    static Choice byIndex(int ifIndex, Map<Integer, String> descriptions) {
        if (descriptions.containsKey(ifIndex)) {
            return new Choice(ifIndex, null);
        }
        return new Choice(null, "the router has no interface with ifIndex " + ifIndex + "; it has " + listing(descriptions));
    }

    private static String listing(Map<Integer, String> values) {
        if (values.isEmpty()) {
            return "no interfaces it shows to these credentials";
        }
        String shown = values.entrySet().stream().limit(MAX_LISTED).map(e -> e.getKey() + " '" + e.getValue() + "'")
                .collect(Collectors.joining(", "));
        return shown + (values.size() > MAX_LISTED ? " and " + (values.size() - MAX_LISTED) + " more" : "");
    }
}
