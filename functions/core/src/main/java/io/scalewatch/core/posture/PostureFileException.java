package io.scalewatch.core.posture;

import java.util.Objects;

/**
 * A posture file that cannot be used: unreadable, not JSON, not a known shape, or a malformed policy in it.
 * The message names the file and the reason, so a command line can print it without a stack trace.
 */
public class PostureFileException extends RuntimeException {
    private final String file;
    private final String reason;

    /** A problem with {@code file}, described by {@code reason}. */
    public PostureFileException(String file, String reason) {
        this(file, reason, null);
    }

    /** A problem with {@code file}, described by {@code reason}, caused by {@code cause}. */
    public PostureFileException(String file, String reason, Throwable cause) {
        super(Objects.requireNonNull(file, "file") + ": " + Objects.requireNonNull(reason, "reason"), cause);
        this.file = file;
        this.reason = reason;
    }

    /** The file (or document source) at fault. */
    public String file() {
        return file;
    }

    /** What is wrong with it. */
    public String reason() {
        return reason;
    }
}
