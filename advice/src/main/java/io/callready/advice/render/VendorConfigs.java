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
import java.util.regex.Pattern;

/**
 * Renders the QoS advice as configuration for one router. Templates are data: one Qute file per vendor under
 * {@code io/callready/advice/render/}, filled with the site's numbers from {@link RenderModel}.
 */
public final class VendorConfigs {
    /** Parameter: the WAN interface the shaper goes on (default {@link Vendor#defaultWanIf()}). */
    public static final String WAN_IF = "wan_if";

    /** Letters, digits and . _ / : - only: the name lands in shell commands and router CLIs. */
    private static final Pattern WAN_IF_NAME = Pattern.compile("[A-Za-z0-9._/:-]{1,32}");
    private static final Engine ENGINE = Engine.builder().addDefaults().build();
    private static final Map<Vendor, Template> TEMPLATES = load();

    private VendorConfigs() {
    }

    public static String render(Vendor vendor, QosAssessment assessment, SiteFacts facts) {
        return render(vendor, assessment, facts, Map.of());
    }

    /**
     * {@code params}: {@value #WAN_IF}, the WAN interface (the Linux forms need the real device name); unknown keys
     * and a name that is not a plain interface name are errors.
     */
    public static String render(Vendor vendor, QosAssessment assessment, SiteFacts facts, Map<String, String> params) {
        for (String key : params.keySet()) {
            if (!WAN_IF.equals(key)) {
                throw new IllegalArgumentException("unknown parameter '" + key + "', expected " + WAN_IF);
            }
        }
        String wanIf = params.getOrDefault(WAN_IF, vendor.defaultWanIf());
        if (!WAN_IF_NAME.matcher(wanIf).matches()) {
            throw new IllegalArgumentException(WAN_IF + ": not an interface name: '" + wanIf + "'");
        }
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
