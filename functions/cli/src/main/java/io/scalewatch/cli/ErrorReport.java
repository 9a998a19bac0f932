package io.scalewatch.cli;

import io.scalewatch.aws.access.AccountAccessException;
import io.scalewatch.core.aivss.AgentProfileException;
import io.scalewatch.core.normalize.AuditLogReadException;
import io.scalewatch.core.posture.PostureFileException;
import io.scalewatch.core.suppress.SuppressionFileException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;

/** Maps what went wrong to an exit code and a one-line message (no stack trace for input problems). */
final class ErrorReport {
    private ErrorReport() {}

    static int exitCode(Throwable e) {
        if (e instanceof InputException || e instanceof AuditLogReadException || e instanceof PostureFileException
                || e instanceof AgentProfileException || e instanceof IllegalArgumentException
                || e instanceof AccountAccessException || e instanceof SuppressionFileException
                || e instanceof UncheckedIOException && e.getCause() instanceof NoSuchFileException) {
            return ExitCode.INPUT;
        }
        return ExitCode.INTERNAL;
    }

    static String message(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
