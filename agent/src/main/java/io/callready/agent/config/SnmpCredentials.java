package io.callready.agent.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;
import java.util.Set;

/**
 * One entry of {@code snmp_credentials:}: the secret a {@code wan_traffic} probe names. Either a v2c
 * {@code community}, or a v3 USM user with authPriv: SHA-2 authentication and AES privacy. The secrets never leave
 * the agent: {@link #toString()} hides them, results and config errors never quote them.
 *
 * @param user           v3 security name
 * @param authProtocol   v3: sha256 (HMAC-SHA-256, RFC 7860), sha384 or sha512; default sha256
 * @param privProtocol   v3: aes128 (RFC 3826) or aes256; default aes128
 */
public record SnmpCredentials(
        String community,
        String user,
        @JsonProperty("auth_protocol") AuthProtocol authProtocol,
        @JsonProperty("auth_passphrase") String authPassphrase,
        @JsonProperty("priv_protocol") PrivProtocol privProtocol,
        @JsonProperty("priv_passphrase") String privPassphrase) {

    /** Keys whose values are secrets: config errors describe their type, never their value. */
    public static final Set<String> SECRET_KEYS = Set.of("community", "auth_passphrase", "priv_passphrase");
    /** RFC 3414 §11.2: USM passphrases are at least 8 octets. */
    static final int MIN_PASSPHRASE = 8;

    public enum AuthProtocol {
        SHA256, SHA384, SHA512;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static AuthProtocol parse(String text) {
            for (AuthProtocol p : values()) {
                if (p.wireName().equals(text)) {
                    return p;
                }
            }
            throw new IllegalArgumentException("auth_protocol must be sha256, sha384 or sha512 (SHA-2; MD5 and SHA-1 are not offered), got '"
                    + text + "'");
        }
    }

    public enum PrivProtocol {
        AES128, AES256;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static PrivProtocol parse(String text) {
            for (PrivProtocol p : values()) {
                if (p.wireName().equals(text)) {
                    return p;
                }
            }
            throw new IllegalArgumentException("priv_protocol must be aes128 or aes256 (DES is not offered), got '" + text + "'");
        }
    }

    public SnmpCredentials {
        boolean v3 = user != null || authPassphrase != null || privPassphrase != null || authProtocol != null || privProtocol != null;
        if (community != null && v3) {
            throw new IllegalArgumentException("community is for v2c and user/auth_passphrase/priv_passphrase for v3; keep one kind per entry");
        }
        if (community != null) {
            if (community.isEmpty()) {
                throw new IllegalArgumentException("community must not be empty");
            }
        } else if (!v3) {
            throw new IllegalArgumentException("community (v2c) or user, auth_passphrase and priv_passphrase (v3) are required");
        } else {
            if (user == null || user.isBlank()) {
                throw new IllegalArgumentException("user is required for v3 credentials");
            }
            passphrase("auth_passphrase", authPassphrase);
            passphrase("priv_passphrase", privPassphrase);
            authProtocol = authProtocol == null ? AuthProtocol.SHA256 : authProtocol;
            privProtocol = privProtocol == null ? PrivProtocol.AES128 : privProtocol;
        }
    }

    private static void passphrase(String key, String value) {
        if (value == null) {
            throw new IllegalArgumentException(key + " is required for v3 credentials (authPriv)");
        }
        if (value.length() < MIN_PASSPHRASE) {
            throw new IllegalArgumentException(key + " must be at least " + MIN_PASSPHRASE + " characters (RFC 3414), got "
                    + value.length());
        }
    }

    @JsonIgnore
    public boolean isV3() {
        return community == null;
    }

    /** Says what kind of credentials these are, never the secrets. */
    @Override
    public String toString() {
        return isV3() ? "SnmpCredentials[v3 user=" + user + ", " + authProtocol.wireName() + "/" + privProtocol.wireName() + "]"
                : "SnmpCredentials[v2c community=(hidden)]";
    }
}
