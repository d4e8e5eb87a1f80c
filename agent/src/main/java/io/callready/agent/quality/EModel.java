package io.callready.agent.quality;

/**
 * ITU-T G.107 (06/2015) E-model with every parameter at its default (§7.7) except those a network probe
 * measures: delay and packet loss. All terms are computed from the G.107 formulas; nothing is a
 * pre-computed 93.2.
 *
 * <p>Delay: the caller supplies the one-way mouth-to-ear delay d; talker echo and absolute delay use
 * T = Ta = d and listener echo uses the round trip Tr = 2d. Below 100 ms (mT) only the echo terms Idte/Idle
 * contribute, as the full model intends; the popular Cole–Rosenbluth shortcut (0.024·d) differs by a few
 * tenths of an R point there.
 */
public final class EModel {
    /** Send loudness rating, dB. */
    public static final double SLR = 8;
    /** Receive loudness rating, dB. */
    public static final double RLR = 2;
    /** Sidetone masking rating, dB. */
    public static final double STMR = 15;
    /** Listener sidetone rating, dB (= STMR + Dr). */
    public static final double LSTR = 18;
    /** D-value of the telephone, send side. */
    public static final double DS = 3;
    /** D-value of the telephone, receive side; enters the model through LSTR. */
    public static final double DR = 3;
    /** Talker echo loudness rating, dB. */
    public static final double TELR = 65;
    /** Weighted echo path loss, dB. */
    public static final double WEPL = 110;
    /** Quantizing distortion units. */
    public static final double QDU = 1;
    /** Circuit noise referred to the 0 dBr point, dBm0p. */
    public static final double NC = -70;
    /** Noise floor at the receive side, dBmp. */
    public static final double NFOR = -64;
    /** Room noise at the send side, dB(A). */
    public static final double PS = 35;
    /** Room noise at the receive side, dB(A). */
    public static final double PR = 35;
    /** Advantage factor: 0 for wired telephony. */
    public static final double A = 0;
    /** Delay below which Idd is 0, ms. */
    public static final double MT = 100;
    /** Delay sensitivity. */
    public static final double ST = 1;

    private static final double OLR = SLR + RLR;
    private static final double NO = circuitNoise();
    private static final double RO = 15 - 1.5 * (SLR + NO);

    private EModel() {
    }

    /** Total noise power No, dBm0p (G.107 eq. 7-2 to 7-6). */
    static double circuitNoise() {
        double nos = PS - SLR - DS - 100 + 0.004 * square(PS - OLR - DS - 14);
        double pre = PR + 10 * Math.log10(1 + Math.pow(10, (10 - LSTR) / 10));
        double nor = RLR - 121 + pre + 0.008 * square(pre - 35);
        double nfo = NFOR + RLR;
        return 10 * Math.log10(Math.pow(10, NC / 10) + Math.pow(10, nos / 10) + Math.pow(10, nor / 10) + Math.pow(10, nfo / 10));
    }

    /** Basic signal-to-noise ratio Ro (≈ 94.77 with defaults). */
    public static double ro() {
        return RO;
    }

    /** Simultaneous impairment Is = Iolr + Ist + Iq (≈ 1.41 with defaults); T is the talker echo delay in ms. */
    public static double is(double tMs) {
        return iolr() + ist(tMs) + iq();
    }

    static double iolr() {
        double xolr = OLR + 0.2 * (64 + NO - RLR);
        return 20 * (Math.pow(1 + Math.pow(xolr / 8, 8), 1.0 / 8) - xolr / 8);
    }

    static double ist(double tMs) {
        double stmro = -10 * Math.log10(Math.pow(10, -STMR / 10) + Math.exp(-tMs / 4) * Math.pow(10, -TELR / 10));
        return 12 * Math.pow(1 + Math.pow((stmro - 13) / 6, 8), 1.0 / 8)
                - 28 * Math.pow(1 + Math.pow((stmro + 1) / 19.4, 35), 1.0 / 35)
                - 13 * Math.pow(1 + Math.pow((stmro - 3) / 33, 13), 1.0 / 13)
                + 29;
    }

    static double iq() {
        double q = 37 - 15 * Math.log10(QDU);
        double g = 1.07 + 0.258 * q + 0.0602 * q * q;
        double y = (RO - 100) / 15 + 46 / 8.4 - g / 9;
        double z = 46.0 / 30 - g / 40;
        return 15 * Math.log10(1 + Math.pow(10, y) + Math.pow(10, z));
    }

    /**
     * Delay impairment Id = Idte + Idle + Idd.
     *
     * @param tMs  mean one-way delay of the echo path (talker echo)
     * @param trMs round-trip delay in the 4-wire loop (listener echo)
     * @param taMs absolute one-way delay
     */
    public static double id(double tMs, double trMs, double taMs) {
        return idte(tMs) + idle(trMs) + idd(taMs);
    }

    static double idte(double tMs) {
        double roe = -1.5 * (NO - RLR);
        double terv = TELR - 40 * Math.log10((1 + tMs / 10) / (1 + tMs / 150)) + 6 * Math.exp(-0.3 * tMs * tMs);
        if (STMR < 9) {
            terv += ist(tMs) / 2;
        }
        double re = 80 + 2.5 * (terv - 14);
        double diff = roe - re;
        double idte = (diff / 2 + Math.sqrt(diff * diff / 4 + 100) - 1) * (1 - Math.exp(-tMs));
        if (STMR > 20) {
            idte = Math.sqrt(idte * idte + square(ist(tMs)));
        }
        return idte;
    }

    static double idle(double trMs) {
        double rle = 10.5 * (WEPL + 7) * Math.pow(trMs + 1, -0.25);
        double diff = RO - rle;
        return diff / 2 + Math.sqrt(diff * diff / 4 + 169);
    }

    static double idd(double taMs) {
        if (taMs <= MT) {
            return 0;
        }
        double x = Math.log(taMs / MT) / Math.log(2);
        double e = 6 * ST;
        return 25 * (Math.pow(1 + Math.pow(x, e), 1 / e) - 3 * Math.pow(1 + Math.pow(x / 3, e), 1 / e) + 2);
    }

    /**
     * Effective equipment impairment Ie,eff = Ie + (95 − Ie) · Ppl / (Ppl / BurstR + Bpl).
     *
     * @param lossPercent packet loss Ppl in percent (1 % → 1.0)
     * @param burstRatio  BurstR, 1 for random loss
     */
    public static double ieEff(CodecImpairment codec, double lossPercent, double burstRatio) {
        double ie = codec.ie();
        return ie + (95 - ie) * lossPercent / (lossPercent / burstRatio + codec.bpl());
    }

    /** Transmission rating R for a mouth-to-ear delay, codec and loss, with the term breakdown. */
    public static Rating rate(double mouthToEarMs, CodecImpairment codec, double lossPercent, double burstRatio) {
        double is = is(mouthToEarMs);
        double id = id(mouthToEarMs, 2 * mouthToEarMs, mouthToEarMs);
        double ieEff = ieEff(codec, lossPercent, burstRatio);
        return new Rating(RO, is, id, ieEff, A, RO - is - id - ieEff + A);
    }

    /** G.107 Annex B: R to estimated conversational MOS, clamped to 1..4.5. */
    public static double mos(double r) {
        if (r < 0) return 1.0;
        if (r > 100) return 4.5;
        return Math.max(1.0, 1 + 0.035 * r + r * (r - 60) * (100 - r) * 7e-6);
    }

    private static double square(double x) {
        return x * x;
    }

    /** R = ro − is − id − ieEff + a. */
    public record Rating(double ro, double is, double id, double ieEff, double a, double r) {
        public double mos() {
            return EModel.mos(r);
        }
    }
}
