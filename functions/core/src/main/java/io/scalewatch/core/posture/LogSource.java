package io.scalewatch.core.posture;

import java.util.List;
import java.util.Objects;

/**
 * One thing that records the identity's activity: an AWS trail, a GCP audit log config of one service and log
 * type, an Azure diagnostic setting.
 *
 * @param kind {@code trail}, {@code audit_config} or {@code diagnostic_setting}
 * @param name trail ARN, GCP service ({@code allServices}, {@code compute.googleapis.com}) or setting name
 * @param enabled whether it records at all: a trail's IsLogging; true for the others, which exist only when on
 * @param captures what it records, lowercase: {@code management_read}/{@code management_write} (trail),
 *     {@code admin_read}/{@code data_read}/{@code data_write} (GCP log type), enabled categories such as
 *     {@code administrative} (Azure)
 * @param exempted principals whose activity it does not record (GCP {@code exemptedMembers}), else empty
 * @param destination where it writes: trail bucket, Log Analytics workspace (customer id when resolved, else its
 *     ARM id); empty where the source does not say
 * @param regions the judged regions it covers (AWS trails); empty for the others
 */
public record LogSource(String kind, String name, boolean enabled, List<String> captures, List<String> exempted,
        String destination, List<String> regions) {
    public LogSource {
        if (kind == null || kind.isBlank()) {
            throw new IllegalArgumentException("log source kind must be trail, audit_config or diagnostic_setting,"
                    + " got '" + kind + "'");
        }
        name = Objects.requireNonNullElse(name, "");
        captures = List.copyOf(captures);
        exempted = List.copyOf(exempted);
        destination = Objects.requireNonNullElse(destination, "");
        regions = List.copyOf(regions);
    }

    /** A source not tied to regions (GCP, Azure). */
    public LogSource(String kind, String name, boolean enabled, List<String> captures, List<String> exempted,
            String destination) {
        this(kind, name, enabled, captures, exempted, destination, List.of());
    }
}
