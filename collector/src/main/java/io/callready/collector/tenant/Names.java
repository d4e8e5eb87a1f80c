package io.callready.collector.tenant;

import io.callready.collector.problem.ProblemException;

/** Rules for customer, site and agent names. */
public final class Names {
    static final int MAX_LENGTH = 200;

    private Names() {
    }

    /** @return the name without surrounding blanks */
    static String require(TenantViews.NameRequest request) {
        return require(request == null ? null : request.name());
    }

    /** @return the name without surrounding blanks */
    public static String require(String raw) {
        if (raw == null) {
            throw ProblemException.badRequest("name", "is required");
        }
        String name = raw.strip();
        if (name.isEmpty()) {
            throw ProblemException.badRequest("name", "must not be blank");
        }
        if (name.length() > MAX_LENGTH) {
            throw ProblemException.badRequest("name", "must be at most " + MAX_LENGTH + " characters");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw ProblemException.badRequest("name", "must not contain control characters");
        }
        return name;
    }
}
