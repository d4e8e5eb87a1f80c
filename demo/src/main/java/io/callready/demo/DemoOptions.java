package io.callready.demo;

import java.nio.file.Path;
import java.time.Duration;

/**
 * @param root          repository root holding the built programs
 * @param dataDir       where the collector's database, the agent's state and the logs go
 * @param cycles        probe cycles to show before exiting; 0 runs until Ctrl-C
 * @param interval      time between two probe runs
 * @param burst         length of each RTP burst
 * @param httpPort      collector HTTP port
 * @param reflectorPort reflector UDP port
 * @param dbPort        embedded PostgreSQL port; 0 lets the collector choose
 */
record DemoOptions(Path root, Path dataDir, int cycles, Duration interval, Duration burst,
                   int httpPort, int reflectorPort, int dbPort) {
}
