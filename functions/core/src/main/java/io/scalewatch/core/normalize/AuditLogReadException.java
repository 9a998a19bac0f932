package io.scalewatch.core.normalize;

/**
 * An audit log source that cannot be read at all: the file does not exist, is a directory, is not
 * readable, or the stream failed with an I/O error (not a data error; bad data is quarantined). The
 * message names the source and why, so callers can report it without a stack trace.
 */
public final class AuditLogReadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A source that could not be read, with nothing more to say than the message. */
    public AuditLogReadException(String message) {
        super(message);
    }

    /** A source that could not be read. */
    public AuditLogReadException(String message, Throwable cause) {
        super(message, cause);
    }
}
