package io.scalewatch.aws.dispatch;

import io.scalewatch.core.event.CloudProvider;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What one dispatch run did; the handler returns {@link #toMap()}.
 *
 * @param dispatchRunId the run's id, also on every message it sent
 * @param status how it ended
 * @param targets targets enumerated per cloud
 * @param sent messages SQS accepted
 * @param skipped accounts left out, with why
 * @param unsent targets that could not be enqueued, with why
 * @param error why a cloud could not be enumerated or the config not used; empty when nothing
 */
public record DispatchResult(String dispatchRunId, Status status, Map<CloudProvider, Integer> targets, int sent,
        List<AccountSelection.Skipped> skipped, List<SendReport.Unsent> unsent, String error) {
    private static final DateTimeFormatter RUN_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** How a dispatch run ended. */
    public enum Status {
        /** Every enumerated target is in its queue. */
        DONE,
        /** A cloud could not be enumerated or a target could not be enqueued; the rest were sent. */
        FAILED,
        /** The config cannot be used; nothing was sent. */
        INVALID_CONFIG;

        /** The lower-case spelling used in results and logs. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public DispatchResult {
        Objects.requireNonNull(dispatchRunId, "dispatchRunId");
        Objects.requireNonNull(status, "status");
        EnumMap<CloudProvider, Integer> counts = new EnumMap<>(CloudProvider.class);
        counts.putAll(targets);
        targets = Collections.unmodifiableMap(counts);
        skipped = List.copyOf(skipped);
        unsent = List.copyOf(unsent);
        error = Objects.requireNonNullElse(error, "");
    }

    /** A run that did not start because of its config. */
    public static DispatchResult invalidConfig(String dispatchRunId, String message) {
        return new DispatchResult(dispatchRunId, Status.INVALID_CONFIG, Map.of(), 0, List.of(), List.of(), message);
    }

    /** {@code <yyyyMMddTHHmmssZ>-<first 8 letters and digits of the request id>}: sortable, unique per attempt. */
    public static String runId(Instant now, String requestId) {
        String suffix = requestId == null ? "" : requestId.replaceAll("[^A-Za-z0-9]", "");
        suffix = suffix.length() > 8 ? suffix.substring(0, 8) : suffix;
        String time = RUN_TIME.format(now);
        return suffix.isEmpty() ? time : time + "-" + suffix;
    }

    /**
     * {@code {dispatchRunId, status, targets: {aws, gcp, azure}, sent, skipped: [{account, reason}],
     * unsent: [{target, error}], error}} ({@code error} null when none).
     */
    public Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("dispatchRunId", dispatchRunId);
        out.put("status", status.id());
        Map<String, Object> counts = new LinkedHashMap<>();
        for (CloudProvider cloud : CloudProvider.values()) {
            counts.put(cloud.id(), targets.getOrDefault(cloud, 0));
        }
        out.put("targets", counts);
        out.put("sent", sent);
        List<Map<String, Object>> skippedList = new ArrayList<>();
        for (AccountSelection.Skipped s : skipped) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("account", s.account());
            item.put("reason", s.reason());
            skippedList.add(item);
        }
        out.put("skipped", skippedList);
        List<Map<String, Object>> unsentList = new ArrayList<>();
        for (SendReport.Unsent u : unsent) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("target", u.target());
            item.put("error", u.error());
            unsentList.add(item);
        }
        out.put("unsent", unsentList);
        out.put("error", error.isEmpty() ? null : error);
        return out;
    }
}
