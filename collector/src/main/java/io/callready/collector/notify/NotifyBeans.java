package io.callready.collector.notify;

import io.callready.collector.notify.ssrf.Cidr;
import io.callready.collector.notify.ssrf.UrlGuard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.util.List;

/** The SSRF guard, its resolver and the HTTP client, built from {@link NotifyConfig}; a bad allowed-networks entry stops startup. */
@ApplicationScoped
public class NotifyBeans {
    @Produces
    @Singleton
    UrlGuard urlGuard(NotifyConfig config, UrlGuard.Resolver resolver) {
        List<Cidr> allowed = config.allowedNetworks().orElse(List.of()).stream()
                .filter(s -> !s.isBlank()).map(Cidr::parse).toList();
        return new UrlGuard(allowed, resolver);
    }

    /** The system resolver; tests replace it with one that answers their names with the addresses they choose. */
    @Produces
    @Singleton
    UrlGuard.Resolver systemDns() {
        return InetAddress::getAllByName;
    }

    @Produces
    @Singleton
    PinnedHttpClient httpClient(NotifyConfig config) {
        return new PinnedHttpClient(config.connectTimeout(), config.readTimeout(), config.requestTimeout());
    }
}
