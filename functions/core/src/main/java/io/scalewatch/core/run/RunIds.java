package io.scalewatch.core.run;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/** Run ids of scheduled scans: {@code <yyyyMMddTHHmmssZ>-<first 8 characters of the request id>}. */
public final class RunIds {
    private static final DateTimeFormatter RUN_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private RunIds() {}

    /**
     * The run id of an invocation: sortable, and unique per attempt since a retried Lambda invocation gets a new
     * request id.
     *
     * @param requestId the Lambda request id (or any id of the attempt); non-alphanumerics are dropped
     */
    public static String of(Clock clock, String requestId) {
        Objects.requireNonNull(clock, "clock");
        String suffix = requestId == null ? "" : requestId.replaceAll("[^A-Za-z0-9]", "");
        suffix = suffix.length() > 8 ? suffix.substring(0, 8) : suffix;
        String time = RUN_TIME.format(clock.instant());
        return suffix.isEmpty() ? time : time + "-" + suffix;
    }
}
