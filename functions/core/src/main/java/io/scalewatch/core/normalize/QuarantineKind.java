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
     * The record states no event time in any field the normalizer knows. A time is never invented: scan
     * windows, ordering and first/last-seen evidence depend on it.
     */
    MISSING_TIMESTAMP,
    /** A field the event contract needs (operation, payload, ...) is absent. */
    MISSING_FIELD,
    /** A field has the wrong JSON type (e.g. eventTime a number, userIdentity an array). */
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
