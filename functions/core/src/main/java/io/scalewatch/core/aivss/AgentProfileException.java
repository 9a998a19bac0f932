package io.scalewatch.core.aivss;

/** An agent profile could not be found, read or accepted; the message names the file and the field. */
public final class AgentProfileException extends RuntimeException {
    public AgentProfileException(String message) {
        super(message);
    }

    public AgentProfileException(String message, Throwable cause) {
        super(message, cause);
    }
}
