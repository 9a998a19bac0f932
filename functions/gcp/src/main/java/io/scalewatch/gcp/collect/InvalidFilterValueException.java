package io.scalewatch.gcp.collect;

/** A value meant for a Cloud Logging filter (service account, resource name) is not of its kind; nothing was sent. */
public final class InvalidFilterValueException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The message names the value (made printable) and what is valid. */
    public InvalidFilterValueException(String message) {
        super(message);
    }
}
