package io.scalewatch.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalewatch.core.checkpoint.CheckpointKey;
import io.scalewatch.core.event.CloudProvider;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunResultTest {
    private static final String ROLE = "arn:aws:iam::111122223333:role/castai-eks-demo";
    private static final Instant COVERED = Instant.parse("2026-11-24T12:00:00Z");

    private static TargetOutcome outcome(String region, TargetOutcome.Status status) {
        ScanTarget target = new ScanTarget(new CheckpointKey(CloudProvider.AWS, "111122223333", region,
                ROLE));
        boolean moved = status == TargetOutcome.Status.DONE || status == TargetOutcome.Status.PARTIAL;
        return new TargetOutcome(target, status, moved ? Optional.of(COVERED) : Optional.empty(), moved ? 3 : 0,
                status == TargetOutcome.Status.FAILED ? Optional.of("SinkException: s3 down") : Optional.empty());
    }

    @Test
    void statusOf_mixedOutcomes_failedWinsThenPartial() {
        assertThat(RunResult.statusOf(List.of(outcome("us-east-1", TargetOutcome.Status.DONE))))
                .isEqualTo(RunResult.Status.DONE);
        assertThat(RunResult.statusOf(List.of(outcome("us-east-1", TargetOutcome.Status.DONE),
                outcome("us-west-2", TargetOutcome.Status.SKIPPED)))).isEqualTo(RunResult.Status.PARTIAL);
        assertThat(RunResult.statusOf(List.of(outcome("us-east-1", TargetOutcome.Status.PARTIAL),
                outcome("us-west-2", TargetOutcome.Status.FAILED)))).isEqualTo(RunResult.Status.FAILED);
    }

    @Test
    void toMap_targets_carryRunIdStatusCoverageFindingsAndError() {
        RunResult result = new RunResult("20261125T001500Z-abcd1234", RunResult.Status.FAILED,
                ROLE, List.of(outcome("us-east-1", TargetOutcome.Status.DONE),
                        outcome("us-west-2", TargetOutcome.Status.FAILED)), "");

        Map<String, Object> map = result.toMap();

        assertThat(map).containsEntry("runId", "20261125T001500Z-abcd1234").containsEntry("status", "failed")
                .containsEntry("findings", 3).containsEntry("error", null);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> targets = (List<Map<String, Object>>) map.get("targets");
        assertThat(targets.get(0)).containsEntry("runId", "20261125T001500Z-abcd1234-111122223333-us-east-1")
                .containsEntry("status", "done").containsEntry("coveredUntil", "2026-11-24T12:00:00Z")
                .containsEntry("findings", 3).containsEntry("error", null);
        assertThat(targets.get(1)).containsEntry("status", "failed").containsEntry("coveredUntil", null)
                .containsEntry("error", "SinkException: s3 down");
    }

    @Test
    void invalidConfig_hasTheMessageAndNoTargets() {
        Map<String, Object> map = RunResult.invalidConfig("r1", "config field 'mode': bad").toMap();

        assertThat(map).containsEntry("status", "invalid_config").containsEntry("identity", null)
                .containsEntry("error", "config field 'mode': bad").containsEntry("targets", List.of());
    }
}
