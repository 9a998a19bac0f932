package io.scalewatch.core.baseline;

import java.util.Objects;

/** A baseline as stored, with the store's version (an S3 ETag, a file digest) for the next conditional save. */
public record StoredBaseline(IdentityBaseline baseline, String version) {
    public StoredBaseline {
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(version, "version");
    }
}
