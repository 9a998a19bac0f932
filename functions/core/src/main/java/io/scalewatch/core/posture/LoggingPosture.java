package io.scalewatch.core.posture;

import java.util.List;
import java.util.Objects;

/**
 * The audit logging that covers the identity in one account / project / subscription, as the posture collector
 * read it: the trails of a region, the project's audit configs, the subscription's diagnostic settings.
 *
 * <p>{@link #NOT_COLLECTED} when the collector did not or could not read it; the policy input then has no
 * {@code logging}, so an unreadable logging posture never looks like "no logging".
 *
 * @param collected whether the collector read the logging posture
 * @param region the AWS region the trails were judged for; empty for GCP and Azure
 * @param readFrom where scalewatch reads the identity's events (Azure workspace ids), empty where not relevant
 * @param sources what records the identity's activity
 */
public record LoggingPosture(boolean collected, String region, List<String> readFrom, List<LogSource> sources) {
    /** The logging posture was not read. */
    public static final LoggingPosture NOT_COLLECTED = new LoggingPosture(false, "", List.of(), List.of());

    public LoggingPosture {
        region = Objects.requireNonNullElse(region, "");
        readFrom = List.copyOf(readFrom);
        sources = List.copyOf(sources);
        if (!collected && !(region.isEmpty() && readFrom.isEmpty() && sources.isEmpty())) {
            throw new IllegalArgumentException("a logging posture that was not collected has no region, readFrom or"
                    + " sources, got region '" + region + "', " + sources.size() + " source(s)");
        }
    }

    /** A collected logging posture. */
    public static LoggingPosture of(String region, List<String> readFrom, List<LogSource> sources) {
        return new LoggingPosture(true, region, readFrom, sources);
    }
}
