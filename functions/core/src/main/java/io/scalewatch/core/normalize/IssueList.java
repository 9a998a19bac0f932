package io.scalewatch.core.normalize;

import io.scalewatch.core.event.AuditEvent;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The issues of one record as a normalizer finds them, in order and without repeats. Not thread-safe:
 * one per {@code normalize} call.
 */
final class IssueList {
    private static final Set<String> KNOWN = Set.copyOf(NormalizationIssues.ALL);

    private final Set<String> issues = new LinkedHashSet<>();

    /**
     * Records an issue.
     *
     * @throws IllegalStateException for a phrase not in {@link NormalizationIssues#ALL} (a normalizer bug;
     *     the reader quarantines the record as {@code normalizer_error})
     */
    void add(String issue) {
        if (!KNOWN.contains(issue)) {
            throw new IllegalStateException("issue '" + issue + "' is not one of NormalizationIssues.ALL");
        }
        issues.add(issue);
    }

    /** Records {@code issue} when {@code missing} holds; returns {@code missing}. */
    boolean addIf(boolean missing, String issue) {
        if (missing) {
            add(issue);
        }
        return missing;
    }

    /** The marker time of a record without one, recording {@link NormalizationIssues#NO_EVENT_TIME}. */
    Instant undated() {
        add(NormalizationIssues.NO_EVENT_TIME);
        return AuditEvent.UNDATED;
    }

    List<String> list() {
        return List.copyOf(issues);
    }
}
