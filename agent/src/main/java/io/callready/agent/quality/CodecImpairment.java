package io.callready.agent.quality;

import io.callready.wire.rtp.Codec;

/**
 * Equipment impairment Ie and packet-loss robustness Bpl of a codec for the narrowband E-model
 * (ITU-T G.113 Appendix I, random loss).
 *
 * @param provisional true when no narrowband ITU value exists and the numbers are a stand-in; results carry
 *                    the label {@code mos_provisional=true}
 */
public record CodecImpairment(String name, double ie, double bpl, boolean provisional) {
    /** G.711 with packet loss concealment (G.113 App. I). */
    public static final CodecImpairment G711_PLC = new CodecImpairment("G.711+PLC", 0, 25.1, false);
    /** G.711 without concealment: every lost frame is silence (G.113 App. I). */
    public static final CodecImpairment G711_NO_PLC = new CodecImpairment("G.711", 0, 4.3, false);
    /** G.729(A) with VAD (G.113 App. I). */
    public static final CodecImpairment G729 = new CodecImpairment("G.729A", 11, 19.0, false);
    /**
     * Wideband codecs (G.722, Opus) have no narrowband Ie/Bpl in G.113; G.711+PLC values stand in, which
     * rates them like a good narrowband call until a wideband model (G.107.1) is added.
     */
    public static final CodecImpairment PROVISIONAL = new CodecImpairment("provisional (G.711+PLC values)", 0, 25.1, true);

    /** The impairment the agent assumes for a codec it imitates; endpoints are assumed to conceal loss. */
    public static CodecImpairment of(Codec codec) {
        return switch (codec) {
            case PCMU, PCMA -> G711_PLC;
            case G729 -> G729;
            case G722, OPUS -> PROVISIONAL;
        };
    }
}
