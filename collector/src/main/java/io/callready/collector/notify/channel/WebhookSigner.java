package io.callready.collector.notify.channel;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Standard Webhooks signatures: {@code v1,} + base64(HMAC-SHA256(key, id + "." + timestamp + "." + body)), where
 * the key is the base64 part of a {@code whsec_} secret.
 */
public final class WebhookSigner {
    public static final String SECRET_PREFIX = "whsec_";
    /** The spec asks for at least 24 bytes; 32 matches the HMAC-SHA256 block output. */
    static final int SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSigner() {
    }

    public static String newSecret() {
        byte[] key = new byte[SECRET_BYTES];
        RANDOM.nextBytes(key);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** Null when the secret can sign, else why not. */
    public static String problem(String secret) {
        if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
            return "must start with " + SECRET_PREFIX;
        }
        try {
            int length = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length())).length;
            return length >= 24 ? null : "must hold at least 24 bytes of key (" + length + " given)";
        } catch (IllegalArgumentException e) {
            return "must be " + SECRET_PREFIX + " followed by base64";
        }
    }

    public static String sign(String secret, String messageId, long timestampSeconds, byte[] body) {
        byte[] key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((messageId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
