package io.scalewatch.aws.collect;

/**
 * A value that would go into a CloudTrail Lake SQL statement is not of the form it must have (an ARN, an
 * access key id, an account id, an event data store id). Nothing was sent: values are validated, never
 * quoted into SQL as they come.
 */
public final class InvalidQueryValueException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** A rejected value; the message names the field, the value (made printable) and what is allowed. */
    public InvalidQueryValueException(String message) {
        super(message);
    }
}
