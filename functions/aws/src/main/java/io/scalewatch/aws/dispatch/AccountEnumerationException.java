package io.scalewatch.aws.dispatch;

/** AWS Organizations could not list the accounts (not an organization, access denied, ...); message scrubbed. */
public final class AccountEnumerationException extends RuntimeException {
    public AccountEnumerationException(String message) {
        super(message);
    }
}
