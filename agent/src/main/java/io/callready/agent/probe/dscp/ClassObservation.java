package io.callready.agent.probe.dscp;

/**
 * One class's exchange: the mark the reflector saw on the request and the mark the reply arrived with.
 *
 * @param dscp      the class sent, and asked for on the reply
 * @param upSeen    DSCP the request arrived with at the reflector, null when unknown
 * @param downSeen  DSCP the reply arrived with here, null when unknown (no reply, or the reflector did not mark it
 *                  as asked)
 * @param replyTtl  TTL / hop limit the reply arrived with, -1 when unknown
 * @param reflectorTtl TTL the request arrived with at the reflector (STAMP only), -1 when unknown
 */
public record ClassObservation(int dscp, Integer upSeen, Integer downSeen, int replyTtl, int reflectorTtl) {
    public static ClassObservation unanswered(int dscp) {
        return new ClassObservation(dscp, null, null, -1, -1);
    }

    public boolean answered() {
        return upSeen != null || downSeen != null || replyTtl >= 0;
    }

    public MarkVerdict up() {
        return MarkVerdict.of(dscp, upSeen);
    }

    public MarkVerdict down() {
        return MarkVerdict.of(dscp, downSeen);
    }
}
