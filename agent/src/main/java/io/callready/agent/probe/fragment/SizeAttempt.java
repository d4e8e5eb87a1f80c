package io.callready.agent.probe.fragment;

/**
 * One size sent one way.
 *
 * @param size        SIP message size in bytes (UDP payload)
 * @param dontFragment whether DF was set
 * @param arrived     the reflector confirmed it received exactly this many bytes
 * @param tooBig      the kernel refused to send it with DF set (EMSGSIZE: larger than the path MTU it knows)
 * @param tries       how many times it was sent
 * @param note        what went wrong, or null
 */
record SizeAttempt(int size, boolean dontFragment, boolean arrived, boolean tooBig, int tries, String note) {
}
