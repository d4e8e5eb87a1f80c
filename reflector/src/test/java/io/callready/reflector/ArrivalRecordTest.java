package io.callready.reflector;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;

class ArrivalRecordTest {
    private static final long IDLE_NANOS = 1_000;

    private static void arrive(UpstreamSession s, int requests) {
        for (int seq = 0; seq < requests; seq++) {
            s.onRequest(seq, 0, 1_000L * seq, 0xB8);
        }
    }

    @Test
    void recordsEveryArrivalInOrderWithSequenceTosAndT2() {
        var s = new UpstreamSession(new ArrivalBudget(ArrivalBudget.DEFAULT_RECORDS));
        s.onRequest(65_535, 0, 7, 0xB8);
        s.onRequest(0, 0, 9, 0);
        s.onRequest(0, 0, 11, 0xFF);
        ArrivalRecord r = s.arrivals();
        assertThat(r.size()).as("the duplicate too").isEqualTo(3);
        assertThat(r.sequence(0)).isEqualTo(65_535);
        assertThat(r.tosSeen(0)).isEqualTo(0xB8);
        assertThat(r.t2Nanos(1)).isEqualTo(9);
        assertThat(r.tosSeen(2)).isEqualTo(0xFF);
    }

    @Test
    void stopsAtThePerSessionCap() {
        var s = new UpstreamSession(new ArrivalBudget(ArrivalBudget.DEFAULT_RECORDS));
        arrive(s, ArrivalRecord.MAX_ARRIVALS + 10);
        assertThat(s.arrivals().size()).isEqualTo(ArrivalRecord.MAX_ARRIVALS);
        assertThat(s.stats().received()).as("still counted").isEqualTo(ArrivalRecord.MAX_ARRIVALS + 10);
    }

    @Test
    void sessionsShareOneBudgetAndAForgottenSessionGivesItsShareBack() {
        ArrivalBudget budget = new ArrivalBudget(100);
        SessionTable table = new SessionTable(10, IDLE_NANOS, budget);
        InetSocketAddress agent = new InetSocketAddress("127.0.0.1", 5004);
        UpstreamSession a = table.getOrCreate(new SessionTable.Key(agent, 1), 0);
        arrive(a, 80);
        assertThat(a.arrivals().size()).as("64 granted, 64 more would exceed the budget").isEqualTo(64);
        UpstreamSession b = table.getOrCreate(new SessionTable.Key(agent, 2), 0);
        arrive(b, 10);
        assertThat(b.arrivals().size()).isZero();

        // both idle past the timeout: the next session finds the whole budget again
        UpstreamSession c = table.getOrCreate(new SessionTable.Key(agent, 3), 10 * IDLE_NANOS);
        arrive(c, 90);
        assertThat(c.arrivals().size()).isEqualTo(64);
        assertThat(budget.free()).isEqualTo(36);
    }

    @Test
    void anEvictedSessionGivesItsShareBack() {
        ArrivalBudget budget = new ArrivalBudget(64);
        SessionTable table = new SessionTable(1, Long.MAX_VALUE / 2, budget);
        InetSocketAddress agent = new InetSocketAddress("127.0.0.1", 5004);
        arrive(table.getOrCreate(new SessionTable.Key(agent, 1), 0), 5);
        assertThat(budget.free()).isZero();
        UpstreamSession next = table.getOrCreate(new SessionTable.Key(agent, 2), 0);
        arrive(next, 5);
        assertThat(next.arrivals().size()).isEqualTo(5);
    }
}
