package io.scalewatch.core.run;

import io.scalewatch.core.checkpoint.CheckpointKey;
import java.util.Objects;

/** One unit of a scheduled run: the watched identity in one account / project / subscription and region. */
public record ScanTarget(CheckpointKey key) {
    public ScanTarget {
        Objects.requireNonNull(key, "key");
    }
}
