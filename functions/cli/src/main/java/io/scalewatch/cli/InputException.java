package io.scalewatch.cli;

/** An input the user named cannot be used; printed without a stack trace, exit code {@link ExitCode#INPUT}. */
public final class InputException extends RuntimeException {
    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
