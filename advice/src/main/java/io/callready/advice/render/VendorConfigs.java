package io.callready.advice.render;

import io.callready.advice.QosAssessment;
import io.callready.advice.SiteFacts;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

/**
 * Renders the QoS advice as configuration for one router. Templates are data: one Qute file per vendor under
 * {@code io/callready/advice/render/}, filled with the site's numbers from {@link RenderModel}.
 */
public final class VendorConfigs {
    /** Parameter of the Linux forms: the WAN device the shaper goes on. */
    public static final String WAN_IF = "wan_if";
    static final String DEFAULT_WAN_IF = "eth0";

    private static final Engine ENGINE = Engine.builder().addDefaults().build();
    private static final Map<Vendor, Template> TEMPLATES = load();

    private VendorConfigs() {
    }

    public static String render(Vendor vendor, QosAssessment assessment, SiteFacts facts) {
        return render(vendor, assessment, facts, Map.of());
    }

    /** {@code params}: {@value #WAN_IF} (default {@code eth0}) for the Linux forms; unknown keys are errors. */
    public static String render(Vendor vendor, QosAssessment assessment, SiteFacts facts, Map<String, String> params) {
        for (String key : params.keySet()) {
            if (!WAN_IF.equals(key)) {
                throw new IllegalArgumentException("unknown parameter '" + key + "', expected " + WAN_IF);
            }
        }
        String wanIf = params.getOrDefault(WAN_IF, DEFAULT_WAN_IF);
        return TEMPLATES.get(vendor).data(RenderModel.of(assessment, facts, wanIf)).render();
    }

    private static Map<Vendor, Template> load() {
        Map<Vendor, Template> templates = new EnumMap<>(Vendor.class);
        for (Vendor v : Vendor.values()) {
            String resource = "/io/callready/advice/render/" + v.wireName() + ".txt";
            try (InputStream in = VendorConfigs.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("template missing from the jar: " + resource);
                }
                templates.put(v, ENGINE.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return templates;
    }
}
