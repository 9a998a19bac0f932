package io.scalewatch.cli.coverage;

import java.util.List;
import java.util.Objects;

/**
 * What scalewatch did with one labelled corpus event, judged with every principal in scope.
 *
 * @param label the event's label
 * @param fired ids of the rules that fired on it (sorted, without the rules an empty scan also fires)
 * @param quarantine the reader's reason when the record did not normalize, else empty
 */
public record CorpusOutcome(CorpusLabel label, List<String> fired, String quarantine) {
    public CorpusOutcome {
        Objects.requireNonNull(label, "label");
        fired = List.copyOf(fired);
        quarantine = Objects.requireNonNullElse(quarantine, "");
    }

    /** A positive label some rule fired on. */
    public boolean hit() {
        return label.expected().orElse(false) && !fired.isEmpty();
    }

    /** A positive label no rule fired on. */
    public boolean miss() {
        return label.expected().orElse(false) && fired.isEmpty();
    }

    /** A negative label scalewatch stayed quiet on. */
    public boolean quiet() {
        return !label.expected().orElse(true) && fired.isEmpty();
    }

    /** A negative label some rule fired on. */
    public boolean negativeFired() {
        return !label.expected().orElse(true) && !fired.isEmpty();
    }
}
