package io.scalewatch.core.event;

import java.util.Objects;

/** A resource an event touched: its type (as the log names it) and unique id (ARN, resource name, ARM id). */
public record ResourceRef(String type, String uid) {
    public ResourceRef {
        type = Objects.requireNonNullElse(type, "");
        Objects.requireNonNull(uid, "uid");
    }
}
