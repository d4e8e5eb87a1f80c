package io.callready.collector.enroll;

import io.callready.collector.auth.Tokens;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * Enrollment codes are typed by people from a ticket or a phone call: 12 characters of Crockford base32 (60 random
 * bits) in groups of four, case-insensitive, dashes and blanks ignored, I/L read as 1 and O as 0.
 */
final class EnrollmentCodes {
    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final int LENGTH = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private EnrollmentCodes() {
    }

    static String newCode() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < LENGTH; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /** What is hashed and stored: upper case, without separators, with look-alike letters folded. */
    static String normalise(String typed) {
        return typed.toUpperCase(Locale.ROOT).replaceAll("[\\s-]", "")
                .replace('I', '1').replace('L', '1').replace('O', '0');
    }

    static String hash(String typed) {
        return Tokens.sha256Hex(normalise(typed));
    }
}
