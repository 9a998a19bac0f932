package io.scalewatch.core.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What one scheduled scan (AWS, GCP or Azure) did: its run id, an overall status and each target's outcome. The
 * Lambda handlers return {@link #toMap()}; it holds no credentials and no stack traces.
 *
 * @param identity the watched identity, empty when the config could not be read
 * @param error why the run as a whole failed (config, own account unknown), empty otherwise
 */
public record RunResult(String runId, Status status, String identity, List<TargetOutcome> targets, String error) {
    /** How the run ended. */
    public enum Status {
        /** Every target scanned its whole window. */
        DONE,
        /** No target failed, but some stopped early or were skipped for the deadline (checkpointed honestly). */
        PARTIAL,
        /** A target (or the run itself) failed; its checkpoint did not move. */
        FAILED,
        /** The config cannot be used; nothing ran. */
        INVALID_CONFIG;

        /** The lower-case spelling used in results and logs. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public RunResult {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(status, "status");
        identity = Objects.requireNonNullElse(identity, "");
        targets = List.copyOf(targets);
        error = Objects.requireNonNullElse(error, "");
    }

    /** The status the targets' outcomes add up to. */
    public static Status statusOf(List<TargetOutcome> outcomes) {
        if (outcomes.stream().anyMatch(o -> o.status() == TargetOutcome.Status.FAILED)) {
            return Status.FAILED;
        }
        if (outcomes.stream().anyMatch(o -> o.status() != TargetOutcome.Status.DONE)) {
            return Status.PARTIAL;
        }
        return Status.DONE;
    }

    /** A run that did not start because of its config. */
    public static RunResult invalidConfig(String runId, String message) {
        return new RunResult(runId, Status.INVALID_CONFIG, "", List.of(), message);
    }

    /** A run that failed as a whole before or around its targets (one-line, scrubbed message). */
    public static RunResult failed(String runId, String identity, String message) {
        return new RunResult(runId, Status.FAILED, identity, List.of(), message);
    }

    /**
     * The run id of one target's report, {@code <run id>-<account>-<region>}: the S3 layout files a report under
     * the identity's account (project, workspace) and the date, not the region, so every target of a run needs
     * its own id.
     */
    public static String targetRunId(String runId, ScanTarget target) {
        return runId + "-" + target.key().account() + "-" + target.key().region();
    }

    /** Findings raised over every target. */
    public int findings() {
        return targets.stream().mapToInt(TargetOutcome::findings).sum();
    }

    /**
     * The result as the Lambda returns it: {@code runId}, {@code status}, {@code identity}, {@code findings},
     * {@code error} (null when none) and {@code targets}, each with {@code runId} (the target's report, see
     * {@link #targetRunId}), {@code cloud}, {@code account},
     * {@code region}, {@code status}, {@code coveredUntil} (null when the checkpoint did not move),
     * {@code findings} and {@code error} (null when none).
     */
    public Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("runId", runId);
        out.put("status", status.id());
        out.put("identity", identity.isEmpty() ? null : identity);
        out.put("findings", findings());
        out.put("error", error.isEmpty() ? null : error);
        List<Map<String, Object>> list = new ArrayList<>();
        for (TargetOutcome outcome : targets) {
            Map<String, Object> target = new LinkedHashMap<>();
            target.put("runId", targetRunId(runId, outcome.target()));
            target.put("cloud", outcome.target().key().cloud().id());
            target.put("account", outcome.target().key().account());
            target.put("region", outcome.target().key().region());
            target.put("status", outcome.status().name().toLowerCase(Locale.ROOT));
            target.put("coveredUntil", outcome.coveredUntil().map(Object::toString).orElse(null));
            target.put("findings", outcome.findings());
            target.put("error", outcome.error().orElse(null));
            list.add(target);
        }
        out.put("targets", list);
        return out;
    }
}
