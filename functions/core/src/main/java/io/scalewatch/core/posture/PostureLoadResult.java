package io.scalewatch.core.posture;

import java.util.List;

/**
 * What was read from a set of posture files.
 *
 * @param postures one per selected principal (AWS role/user, GCP principal, Azure principal per subscription)
 * @param warnings things the caller should tell the user: unresolved policies and roles, ignored files and why
 * @param unresolved policy ARNs, GCP role names and Azure role definition ids that a selected principal
 *     holds but whose definition is not in the files, so their permissions are NOT in the postures
 */
public record PostureLoadResult(List<Posture> postures, List<String> warnings, List<String> unresolved) {
    public PostureLoadResult {
        postures = List.copyOf(postures);
        warnings = List.copyOf(warnings);
        unresolved = List.copyOf(unresolved);
    }

    /** A result whose warnings already say everything (no separate unresolved list). */
    public PostureLoadResult(List<Posture> postures, List<String> warnings) {
        this(postures, warnings, List.of());
    }
}
