package io.scalewatch.cli.coverage;

import io.scalewatch.core.finding.MaestroLayer;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A technique relevant to an autoscaler identity (docs/coverage/techniques.json): a Stratus Red Team
 * technique, or a Sigma or Panther rule. Which scalewatch rules cover it is never listed here; it is derived
 * from the rules' METADATA ({@code stratus}, {@code attack}) and from what fired on the corpus.
 *
 * @param source {@code stratus}, {@code sigma} or {@code panther}
 * @param id the Stratus id, the Sigma rule's path in SigmaHQ/sigma, or the Panther rule id
 * @param stratus Stratus ids of the same behaviour (a Stratus technique is matched by its own id too)
 * @param attack ATT&CK technique ids of the behaviour, matched exactly against the rules' {@code attack}
 * @param panther Panther rule ids of the same behaviour: rules that fired on their positive corpus events
 * @param uncovered why no rule covers it (one sentence), empty when some rule does
 */
public record Technique(MaestroLayer layer, String source, String id, String title, List<String> stratus,
        List<String> attack, List<String> panther, String uncovered) {
    static final Set<String> SOURCES = Set.of("stratus", "sigma", "panther");

    public Technique {
        Objects.requireNonNull(layer, "layer");
        if (!SOURCES.contains(source)) {
            throw new CoverageDataException("technique " + id + ": source must be one of " + SOURCES + ", got '"
                    + source + "'");
        }
        if (id == null || id.isBlank()) {
            throw new CoverageDataException("technique id must not be blank (title '" + title + "')");
        }
        title = Objects.requireNonNullElse(title, "");
        stratus = List.copyOf(stratus);
        attack = List.copyOf(attack);
        panther = List.copyOf(panther);
        uncovered = Objects.requireNonNullElse(uncovered, "");
    }

    /** The Stratus ids that match: its own id for a Stratus technique, plus those of the same behaviour. */
    List<String> stratusKeys() {
        if (!source.equals("stratus")) {
            return stratus;
        }
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(id), stratus.stream()).distinct().toList();
    }

    /** The Panther rule ids whose corpus positives count: its own id for a Panther rule, plus the listed. */
    List<String> pantherKeys() {
        if (!source.equals("panther")) {
            return panther;
        }
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(id), panther.stream()).distinct().toList();
    }
}
