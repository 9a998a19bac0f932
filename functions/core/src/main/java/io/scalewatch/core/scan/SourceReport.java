package io.scalewatch.core.scan;

import io.scalewatch.core.normalize.ReadCounts;
import java.util.Objects;

/** What one source contributed to a scan: its name, its read counts and how many events were in scope. */
public record SourceReport(String name, ReadCounts counts, long inScope) {
    public SourceReport {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(counts, "counts");
    }
}
