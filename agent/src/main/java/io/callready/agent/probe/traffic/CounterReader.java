package io.callready.agent.probe.traffic;

import io.callready.wire.result.ResultStatus;

/** Reads one interface's counters now. Never throws: a read that fails says why. */
public interface CounterReader {

    /** Either a snapshot, or the status and reason of a read that failed. */
    record Read(CounterSnapshot snapshot, ResultStatus status, String failure) {
        static Read of(CounterSnapshot snapshot) {
            return new Read(snapshot, ResultStatus.OK, null);
        }

        static Read failed(ResultStatus status, String reason) {
            return new Read(null, status, reason);
        }

        public boolean ok() {
            return snapshot != null;
        }
    }

    Read read();

    /** The result's target: {@code snmp:HOST/IFNAME} (the selector until the interface is known) or {@code local:IF}. */
    String target();
}
