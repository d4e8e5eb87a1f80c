package io.callready.agent.probe.traffic;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class InterfaceSelectionTest {
    private static final Map<Integer, String> NAMES = new TreeMap<>(Map.of(1, "lo", 2, "eth0", 3, "pppoe-wan", 4, "PPPoE-WAN", 5, "wg0"));

    @Test
    void anExactNameChoosesItsIndex() {
        assertThat(InterfaceSelection.byValue("ifName", "pppoe-wan", NAMES)).isEqualTo(new InterfaceSelection.Choice(3, null));
        assertThat(InterfaceSelection.byValue("ifName", "PPPoE-WAN", NAMES).ifIndex()).as("case matters").isEqualTo(4);
    }

    @Test
    void noMatchListsWhatTheRouterHas() {
        InterfaceSelection.Choice c = InterfaceSelection.byValue("ifName", "wan", NAMES);
        assertThat(c.ifIndex()).isNull();
        assertThat(c.problem()).isEqualTo("no interface has ifName 'wan'; the router has 1 'lo', 2 'eth0', 3 'pppoe-wan', 4 'PPPoE-WAN', "
                + "5 'wg0' (callready-agent check --snmp lists them)");
    }

    @Test
    void moreThanOneMatchIsRefusedNamingTheIndexes() {
        Map<Integer, String> aliases = Map.of(7, "uplink", 9, "uplink", 2, "lan");
        InterfaceSelection.Choice c = InterfaceSelection.byValue("ifAlias", "uplink", new TreeMap<>(aliases));
        assertThat(c.ifIndex()).isNull();
        assertThat(c.problem()).isEqualTo("2 interfaces have ifAlias 'uplink' (ifIndex 7, 9); choose by ifName or ifIndex instead");
    }

    @Test
    void anIndexMustExist() {
        assertThat(InterfaceSelection.byIndex(5, NAMES).ifIndex()).isEqualTo(5);
        assertThat(InterfaceSelection.byIndex(6, NAMES).problem()).startsWith("the router has no interface with ifIndex 6; it has 1 'lo'");
    }

    @Test
    void aLongListIsCut() {
        Map<Integer, String> many = new TreeMap<>();
        for (int i = 1; i <= 40; i++) {
            many.put(i, "ge-0/0/" + i);
        }
        assertThat(InterfaceSelection.byValue("ifDescr", "x", many).problem()).contains("12 'ge-0/0/12' and 28 more").doesNotContain("'ge-0/0/13'");
        assertThat(InterfaceSelection.byValue("ifDescr", "x", Map.of()).problem()).contains("no interfaces it shows to these credentials");
    }
}
