package io.scalewatch.core.finding;

/** The seven CSA MAESTRO layers. */
public enum MaestroLayer {
    L1("Foundation Models"),
    L2("Data Operations"),
    L3("Agent Frameworks"),
    L4("Deployment and Infrastructure"),
    L5("Evaluation and Observability"),
    L6("Security and Compliance"),
    L7("Agent Ecosystem");

    private final String title;

    MaestroLayer(String title) {
        this.title = title;
    }

    /** The layer's name as the CSA blog writes it. */
    public String title() {
        return title;
    }

    /** Parses {@code L1}..{@code L7}. */
    public static MaestroLayer parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("MAESTRO layer must be L1..L7, got '" + text + "'", e);
        }
    }
}
