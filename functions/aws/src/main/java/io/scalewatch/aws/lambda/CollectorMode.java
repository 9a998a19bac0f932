package io.scalewatch.aws.lambda;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where a target's CloudTrail events come from (docs/aws-collectors.md). */
public enum CollectorMode {
    /** CloudTrail {@code LookupEvents}: management events of the last 90 days, no trail needed. */
    LOOKUP,
    /** A trail's log objects in S3 (account or organization trail). */
    S3,
    /** A CloudTrail Lake event data store, queried with SQL. */
    LAKE;

    /** The config spelling: {@code lookup}, {@code s3}, {@code lake}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The mode named by {@code text} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the value and the valid modes
     */
    public static CollectorMode parse(String text) {
        for (CollectorMode mode : values()) {
            if (mode.id().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a collector mode; valid: "
                + Arrays.stream(values()).map(CollectorMode::id).collect(Collectors.joining(", ")));
    }
}
