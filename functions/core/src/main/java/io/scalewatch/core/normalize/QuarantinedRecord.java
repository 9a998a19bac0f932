package io.scalewatch.core.normalize;

import io.scalewatch.core.event.CloudProvider;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * A record that did not normalize, for the quarantine output (DESIGN.md §2: nothing is dropped silently).
 *
 * <p>{@code raw} is the record's text with secret-bearing values redacted (user data, passwords, ...), at
 * most {@link #MAX_RAW_BYTES} UTF-8 bytes; {@code truncated} says it was cut. For a record that parsed as
 * JSON it is the compact re-serialization of the parsed record (so redaction is exact); for input that
 * did not parse it is the input text itself (redaction is then best effort, by pattern).
 *
 * @param source the file or stream name given to the reader
 * @param line 1-based line where the record (or the unreadable rest of the input) starts
 * @param provider the cloud the record's shape belongs to, {@code null} when it could not be told
 * @param kind why it was quarantined
 * @param reason what is wrong, naming the field and what would be valid
 * @param raw the record text, redacted and capped
 * @param truncated whether {@code raw} was cut at {@link #MAX_RAW_BYTES}
 */
public record QuarantinedRecord(
        String source, long line, CloudProvider provider, QuarantineKind kind, String reason, String raw,
        boolean truncated) {
    /** Cap on the raw text kept per record: 256 KiB. */
    public static final int MAX_RAW_BYTES = 256 * 1024;

    public QuarantinedRecord {
        Objects.requireNonNull(source, "source");
        if (line < 1) {
            throw new IllegalArgumentException("line must be >= 1 (1-based), got " + line);
        }
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
        if (reason.isBlank()) {
            throw new IllegalArgumentException(
                    "quarantine reason must not be blank (source " + source + ":" + line + ")");
        }
        raw = Objects.requireNonNullElse(raw, "");
        int bytes = raw.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_RAW_BYTES) {
            throw new IllegalArgumentException("raw text is " + bytes + " bytes; at most " + MAX_RAW_BYTES
                    + " are kept (cut it and set truncated)");
        }
    }

    /** The cloud the record's shape belongs to, empty when unknown. */
    public Optional<CloudProvider> cloud() {
        return Optional.ofNullable(provider);
    }

    // The raw text is record data: keep it out of logs that print this value.
    @Override
    public String toString() {
        return "QuarantinedRecord[" + source + ":" + line + ", cloud=" + (provider == null ? "unknown" : provider.id())
                + ", kind=" + kind.id() + ", reason=" + reason + ", raw=" + raw.length() + " chars"
                + (truncated ? " (truncated)" : "") + "]";
    }
}
