package io.callready.collector.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/** Bearer tokens: generation, the stored SHA-256 form, and reading them from an Authorization header. */
public final class Tokens {
    /** Agent tokens start with this, so a leaked one is recognisable in logs and secret scanners. */
    public static final String AGENT_PREFIX = "cra_";
    public static final String ADMIN_PREFIX = "cra_admin_";
    public static final String STAFF_PREFIX = "crs_";
    private static final int RANDOM_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {
    }

    public static String newAgentToken() {
        return AGENT_PREFIX + randomText();
    }

    public static String newAdminToken() {
        return ADMIN_PREFIX + randomText();
    }

    public static String newStaffToken() {
        return STAFF_PREFIX + randomText();
    }

    private static String randomText() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Lower-case hex SHA-256 of the token's UTF-8 bytes: what {@code agents.token_hash} holds. */
    public static String sha256Hex(String token) {
        return HexFormat.of().formatHex(sha256(token));
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The token of an {@code Authorization: Bearer <token>} header; empty when absent or another scheme. */
    public static Optional<String> bearer(String authorizationHeader) {
        if (authorizationHeader == null) {
            return Optional.empty();
        }
        String header = authorizationHeader.strip();
        if (header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = header.substring(7).strip();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
