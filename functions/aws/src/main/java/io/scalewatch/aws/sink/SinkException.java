package io.scalewatch.aws.sink;

import java.util.List;
import java.util.Objects;

/**
 * A sink could not publish a report, after its retries. The message names the sink, the object keys or finding
 * ids and the error codes, never finding content or credentials; {@link #failures()} lists the findings a
 * service rejected (empty for object-store errors).
 */
public final class SinkException extends RuntimeException {
    private final List<Failure> failures;

    /** One finding a service would not take, with the error code it gave (no content). */
    public record Failure(String findingId, String errorCode) {
        public Failure {
            Objects.requireNonNull(findingId, "findingId");
            Objects.requireNonNull(errorCode, "errorCode");
        }
    }

    public SinkException(String message) {
        super(message);
        this.failures = List.of();
    }

    public SinkException(String message, Throwable cause) {
        super(message, cause);
        this.failures = List.of();
    }

    public SinkException(String message, List<Failure> failures) {
        super(message);
        this.failures = List.copyOf(failures);
    }

    /** The findings that were rejected, in the order they were reported. */
    public List<Failure> failures() {
        return failures;
    }
}
