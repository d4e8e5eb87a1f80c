package io.callready.report;

/** The report's headline: the first thing a customer's IT contact reads. */
public enum Readiness {
    READY("Ready"),
    READY_WITH_WARNINGS("Ready with warnings"),
    NOT_READY("Not ready");

    private final String label;

    Readiness(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** CSS class of the verdict banner. */
    public String cssClass() {
        return switch (this) {
            case READY -> "good";
            case READY_WITH_WARNINGS -> "acceptable";
            case NOT_READY -> "problematic";
        };
    }
}
