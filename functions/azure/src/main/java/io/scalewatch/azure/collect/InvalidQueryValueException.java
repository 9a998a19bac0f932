package io.scalewatch.azure.collect;

/** A value that would go into a KQL query is not of the form it must have (a GUID); nothing was sent. */
public final class InvalidQueryValueException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A rejected value; the message names the field and what is valid, and quotes the value printable-only. */
    public InvalidQueryValueException(String message) {
        super(message);
    }
}
