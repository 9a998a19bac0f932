package io.scalewatch.core.aivss;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The agentic risk factors of one agent (CAST AI, Karpenter, ...), written for one AIVSS version's factor
 * set. Scoring under the other version uses only {@link #factorSum()}, since both formulas use nothing else.
 *
 * <p>Usage: {@code AgentProfiles.builtIn("karpenter")}, or {@link #builder()} for a profile built in code.
 *
 * @param id stable identifier, lower case: letters, digits, {@code . _ -}
 * @param name display name, e.g. {@code CAST AI}
 * @param version the AIVSS version whose factor names {@code factors} uses
 * @param factors all ten factors of {@code version}, each once, in the specification's order
 * @param nonConformantEstimate true when at least one factor is a continuous estimate rather than the
 *     0 / 0.5 / 1 both specifications require; scores from such a profile must say so
 * @param mitigation the mitigation this profile assumes by default (applied by AIVSS v0.8 only)
 * @param source where the values come from; empty when not stated
 */
public record AgentProfile(
        String id,
        String name,
        AivssVersion version,
        List<AivssFactor> factors,
        boolean nonConformantEstimate,
        MitigationFactor mitigation,
        String source) {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    public AgentProfile {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("profile id must be 1-64 characters of a-z, 0-9, '.', '_' or '-' "
                    + "starting with a letter or digit, got '" + id + "'");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("profile '" + id + "' needs a non-blank name");
        }
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(mitigation, "mitigation");
        factors = inSpecificationOrder(version, List.copyOf(factors));
        List<String> nonConformant = factors.stream()
                .filter(f -> !f.isConformant())
                .map(f -> "'" + f.name() + "' is " + f.value().toPlainString())
                .toList();
        if (!nonConformant.isEmpty() && !nonConformantEstimate) {
            throw new IllegalArgumentException("factor " + String.join(", factor ", nonConformant)
                    + ", but AIVSS v" + version.label() + " allows only 0, 0.5 or 1 per factor; to keep a "
                    + "continuous estimate unrounded, mark the profile as a non-conformant estimate "
                    + "(accept_non_conformant_factors: true)");
        }
        if (nonConformant.isEmpty() && nonConformantEstimate) {
            throw new IllegalArgumentException("profile '" + id + "' is marked a non-conformant estimate, but every "
                    + "factor is 0, 0.5 or 1; mark only profiles that hold a continuous estimate");
        }
        source = Objects.requireNonNullElse(source, "");
    }

    /** Sum of the ten factor values, exact: the only thing either AIVSS formula takes from a profile. */
    public BigDecimal factorSum() {
        BigDecimal sum = Decimals.ZERO;
        for (AivssFactor factor : factors) {
            sum = sum.add(factor.value());
        }
        return sum;
    }

    /** A builder; {@code id}, {@code name}, {@code version} and the ten factors are required. */
    public static Builder builder() {
        return new Builder();
    }

    private static List<AivssFactor> inSpecificationOrder(AivssVersion version, List<AivssFactor> factors) {
        List<String> names = version.factorNames();
        String versionName = "AIVSS v" + version.label();
        for (AivssFactor factor : factors) {
            if (!names.contains(factor.name())) {
                AivssVersion other = version == AivssVersion.V0_5 ? AivssVersion.V0_8 : AivssVersion.V0_5;
                String hint = other.factorNames().contains(factor.name())
                        ? " (it is an AIVSS v" + other.label() + " factor; this profile is written for v"
                                + version.label() + ")"
                        : "";
                throw new IllegalArgumentException("unknown " + versionName + " factor '" + factor.name() + "'" + hint
                        + "; the " + versionName + " factors are: " + String.join(", ", names));
            }
        }
        Set<String> seen = new LinkedHashSet<>();
        for (AivssFactor factor : factors) {
            if (!seen.add(factor.name())) {
                throw new IllegalArgumentException("factor '" + factor.name() + "' is given more than once; each of "
                        + "the " + names.size() + " " + versionName + " factors must appear exactly once");
            }
        }
        List<String> missing = names.stream().filter(n -> !seen.contains(n)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("missing " + versionName + " factor(s): " + String.join(", ", missing)
                    + "; a profile must give all " + names.size() + " (0, 0.5 or 1 each)");
        }
        List<AivssFactor> ordered = new ArrayList<>(factors);
        ordered.sort(Comparator.comparingInt(f -> names.indexOf(f.name())));
        return List.copyOf(ordered);
    }

    /** Builds an {@link AgentProfile}; checked in {@link #build()}. */
    public static final class Builder {
        private String id;
        private String name;
        private AivssVersion version;
        private final List<AivssFactor> factors = new ArrayList<>();
        private boolean acceptNonConformantFactors;
        private MitigationFactor mitigation = MitigationFactor.NONE_OR_WEAK;
        private String source = "";

        private Builder() {
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder version(AivssVersion version) {
            this.version = version;
            return this;
        }

        /** Appends a factor without a rationale. */
        public Builder addFactor(String factorName, BigDecimal value) {
            return addFactor(factorName, value, "");
        }

        /** Appends a factor; duplicates are rejected by {@link #build()}. */
        public Builder addFactor(String factorName, BigDecimal value, String rationale) {
            factors.add(new AivssFactor(factorName, value, rationale));
            return this;
        }

        /**
         * Risky: accept factor values other than 0, 0.5 and 1, which neither AIVSS version allows. The values
         * are kept unrounded and the profile is marked {@link AgentProfile#nonConformantEstimate()} if any
         * such value is present.
         */
        public Builder acceptNonConformantFactors(boolean accept) {
            this.acceptNonConformantFactors = accept;
            return this;
        }

        public Builder mitigation(MitigationFactor mitigation) {
            this.mitigation = mitigation;
            return this;
        }

        public Builder source(String source) {
            this.source = source;
            return this;
        }

        /** @throws IllegalArgumentException naming the field, the value and what is valid */
        public AgentProfile build() {
            if (version == null) {
                throw new IllegalArgumentException("profile '" + id + "' needs an AIVSS version (0.5 or 0.8)");
            }
            boolean anyNonConformant = factors.stream().anyMatch(f -> !f.isConformant());
            return new AgentProfile(id, name, version, factors, acceptNonConformantFactors && anyNonConformant,
                    mitigation, source);
        }
    }
}
