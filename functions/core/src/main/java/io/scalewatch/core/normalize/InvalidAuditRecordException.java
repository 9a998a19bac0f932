package io.scalewatch.core.normalize;

import java.util.Objects;

/**
 * A record that cannot become an {@link io.scalewatch.core.event.AuditEvent}. Thrown by the normalizers;
 * {@link AuditLogReader} turns it into a {@link QuarantinedRecord}, and callers that normalize records
 * themselves (the cloud collectors) should do the same with {@link #kind()} and {@link #getMessage()}.
 */
public final class InvalidAuditRecordException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final QuarantineKind kind;

    /** A rejected record; the message names the field, what it held, and what is valid. */
    public InvalidAuditRecordException(QuarantineKind kind, String message) {
        super(Objects.requireNonNull(message, "message"));
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** Why the record was rejected. */
    public QuarantineKind kind() {
        return kind;
    }
}
