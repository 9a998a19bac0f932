package io.scalewatch.core.posture;

import java.util.List;

/**
 * The audit logging that covers the identity in one account / project / subscription, as the posture collector
 * read it: the trails of a region, the project's audit configs, the subscription's diagnostic settings.
 *
 * <p>{@link #NOT_COLLECTED} when the collector did not or could not read it; the policy input then has no
 * {@code logging}, so an unreadable logging posture never looks like "no logging".
 *
 * @param collected whether the collector read the logging posture
 * @param regions the AWS regions the trails were judged for (each trail says which of them it covers); empty for
 *     GCP and Azure
 * @param readFrom where scalewatch reads the identity's events (Azure workspace ids), empty where not relevant
 * @param sources what records the identity's activity
 */
public record LoggingPosture(boolean collected, List<String> regions, List<String> readFrom,
        List<LogSource> sources) {
    /** The logging posture was not read. */
    public static final LoggingPosture NOT_COLLECTED = new LoggingPosture(false, List.of(), List.of(), List.of());

    public LoggingPosture {
        regions = List.copyOf(regions);
        readFrom = List.copyOf(readFrom);
        sources = List.copyOf(sources);
        if (!collected && !(regions.isEmpty() && readFrom.isEmpty() && sources.isEmpty())) {
            throw new IllegalArgumentException("a logging posture that was not collected has no regions, readFrom or"
                    + " sources, got regions " + regions + ", " + sources.size() + " source(s)");
        }
    }

    /** A collected logging posture. */
    public static LoggingPosture of(List<String> regions, List<String> readFrom, List<LogSource> sources) {
        return new LoggingPosture(true, regions, readFrom, sources);
    }
}
