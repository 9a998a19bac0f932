package io.scalewatch.core.normalize;

import java.util.Locale;

/** Why a record was quarantined instead of normalized; {@link #id()} is what summaries count by. */
public enum QuarantineKind {
    /** The input is not valid JSON (a bad line, or a document broken in the middle). */
    MALFORMED_JSON,
    /** The input ends inside a JSON value or a compressed stream: a truncated file. */
    TRUNCATED_INPUT,
    /** The input cannot be decoded at all (a corrupt gzip stream). */
    UNREADABLE_INPUT,
    /** A JSON value that is not a record of any supported cloud log. */
    UNKNOWN_SHAPE,
    /**
     * Not produced by the built-in normalizers any more: a record without an event time is normalized as
     * undated ({@code AuditEvent.UNDATED}, issue {@code no event time}). Kept so that stored quarantine
     * records and summaries that name it stay readable.
     */
    MISSING_TIMESTAMP,
    /** The record names no operation (no eventName, methodName or permission, operationName, kube verb). */
    MISSING_FIELD,
    /**
     * A field that says who, what, when or which event has the wrong JSON type (e.g. eventTime a number,
     * eventName an object, userIdentity an array); optional context fields are dropped with an issue instead.
     */
    WRONG_TYPE,
    /** A field has the right type but a value that cannot be used (e.g. an unparseable timestamp). */
    INVALID_VALUE,
    /** One string value or key is longer than the per-field limit. */
    FIELD_TOO_LARGE,
    /** The record as a whole is larger than the per-record limit. */
    RECORD_TOO_LARGE,
    /** The record nests objects / arrays deeper than the limit. */
    TOO_DEEP,
    /** A key contains a control character. */
    CONTROL_CHARACTER_IN_KEY,
    /** An object repeats a key, so consumers could disagree about its value. */
    DUPLICATE_KEY,
    /** A normalizer failed unexpectedly; a bug, reported instead of thrown so no record is lost. */
    NORMALIZER_ERROR;

    /** Lowercase identifier, e.g. {@code malformed_json}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
