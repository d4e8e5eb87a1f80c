package io.callready.collector.reflector;

import io.callready.collector.config.CollectorConfig;
import io.callready.reflector.Reflector;
import io.callready.reflector.ReflectorCounters;
import io.callready.reflector.ReflectorSettings;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * Runs the CallReady RTP reflector inside the collector when {@code callready.reflector.enabled=true}, so a
 * single collector is also the far end of the agents' RTP probes. A port that cannot be bound stops startup.
 */
@ApplicationScoped
public class EmbeddedReflector {
    private static final Logger LOG = Logger.getLogger(EmbeddedReflector.class);

    @Inject
    CollectorConfig config;
    @Inject
    MeterRegistry registry;

    private volatile Reflector reflector;

    void onStart(@Observes StartupEvent event) {
        CollectorConfig.Reflector settings = config.reflector();
        if (!settings.enabled()) {
            return;
        }
        try {
            reflector = Reflector.start(ReflectorSettings.defaults(new InetSocketAddress(settings.bind(), settings.port())));
        } catch (IOException e) {
            throw new UncheckedIOException("callready.reflector: " + e.getMessage(), e);
        }
        // The configured address, not the socket's: a dual-stack wildcard would print as 0:0:0:0:0:0:0:0.
        LOG.infof("Embedded reflector listening on udp %s:%d", settings.bind(), reflector.localAddress().getPort());
        counter("callready.reflector.packets.received", "Datagrams the embedded reflector read", ReflectorCounters::received);
        counter("callready.reflector.replies.sent", "Probe replies the embedded reflector sent", ReflectorCounters::replied);
        counter("callready.reflector.packets.malformed", "Datagrams dropped because they were not probe packets", ReflectorCounters::malformed);
    }

    void onStop(@Observes ShutdownEvent event) {
        Reflector running = reflector;
        if (running != null) {
            reflector = null;
            running.close();
        }
    }

    /** Where the embedded reflector listens; empty when it is disabled. */
    public Optional<InetSocketAddress> localAddress() {
        Reflector running = reflector;
        return running == null ? Optional.empty() : Optional.of(running.localAddress());
    }

    private void counter(String name, String description, ToLongFunction<ReflectorCounters> value) {
        FunctionCounter.builder(name, this, self -> self.reflector == null ? 0 : value.applyAsLong(self.reflector.counters()))
                .description(description)
                .register(registry);
    }
}
