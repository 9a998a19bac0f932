package io.scalewatch.core.aivss;

import java.util.List;
import java.util.Locale;

/**
 * A published OWASP AIVSS version: which formula scores a finding and which ten agentic factors a profile
 * written for it names.
 */
public enum AivssVersion {
    /** OWASP AI Vulnerability Scoring System v0.5: AIVSS = ((CVSS + AARS) / 2) x ThM. */
    V0_5("0.5", List.of(
            "Autonomy of Action",
            "Goal-Driven Planning",
            "Self-Modification",
            "Dynamic Tool Use",
            "Persistent Memory",
            "Contextual Awareness",
            "Dynamic Identity",
            "Multi-Agent Interactions",
            "Non-Determinism",
            "Opacity & Reflexivity")),
    /** AIVSS Scoring System for OWASP Agentic AI Core Security Risks v0.8: AIVSS = (CVSS + AARS) x MF. */
    V0_8("0.8", List.of(
            "Execution Autonomy",
            "External Tool Control Surface",
            "Natural Language Interface",
            "Contextual Awareness",
            "Behavioral Non-Determinism",
            "Opacity & Reflexivity",
            "Persistent State Retention",
            "Dynamic Identity",
            "Multi-Agent Interactions",
            "Self-Modification"));

    private final String label;
    private final List<String> factorNames;

    AivssVersion(String label, List<String> factorNames) {
        this.label = label;
        this.factorNames = factorNames;
    }

    /** The version number as the specification writes it: {@code 0.5} or {@code 0.8}. */
    public String label() {
        return label;
    }

    /** The ten factor names of this version, in the specification's order. */
    public List<String> factorNames() {
        return factorNames;
    }

    /** Parses {@code 0.5}, {@code v0.5}, {@code V0_5} (and the same for 0.8). */
    public static AivssVersion parse(String text) {
        if (text != null) {
            String t = text.trim().toLowerCase(Locale.ROOT).replace('_', '.');
            if (t.startsWith("v")) {
                t = t.substring(1);
            }
            for (AivssVersion version : values()) {
                if (version.label.equals(t)) {
                    return version;
                }
            }
        }
        throw new IllegalArgumentException(
                "AIVSS version must be 0.5 or 0.8 (optionally written v0.5 / v0.8), got '" + text + "'");
    }
}
