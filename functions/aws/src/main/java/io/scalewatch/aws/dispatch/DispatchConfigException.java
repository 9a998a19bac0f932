package io.scalewatch.aws.dispatch;

/** The dispatcher's config cannot be used; the message names the field, its source and what is valid. */
public final class DispatchConfigException extends RuntimeException {
    public DispatchConfigException(String message) {
        super(message);
    }
}
