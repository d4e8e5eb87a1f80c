package io.callready.collector.tenant;

import io.callready.collector.problem.ProblemException;

/** Rules for customer, site and agent names. */
final class Names {
    static final int MAX_LENGTH = 200;

    private Names() {
    }

    /** @return the name without surrounding blanks */
    static String require(TenantViews.NameRequest request) {
        if (request == null || request.name() == null) {
            throw ProblemException.badRequest("name", "is required");
        }
        String name = request.name().strip();
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
