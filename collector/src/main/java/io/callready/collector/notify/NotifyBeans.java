package io.callready.collector.notify;

import io.callready.collector.notify.ssrf.Cidr;
import io.callready.collector.notify.ssrf.UrlGuard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.List;

/** The SSRF guard and HTTP client, built from {@link NotifyConfig}; a bad allowed-networks entry stops startup. */
@ApplicationScoped
public class NotifyBeans {
    @Produces
    @Singleton
    UrlGuard urlGuard(NotifyConfig config) {
        List<Cidr> allowed = config.allowedNetworks().orElse(List.of()).stream()
                .filter(s -> !s.isBlank()).map(Cidr::parse).toList();
        return UrlGuard.withSystemDns(allowed);
    }

    @Produces
    @Singleton
    PinnedHttpClient httpClient(NotifyConfig config) {
        return new PinnedHttpClient(config.connectTimeout(), config.readTimeout());
    }
}
