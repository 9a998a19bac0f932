package io.scalewatch.azure.collect;

import com.azure.monitor.query.LogsQueryClient;
import io.scalewatch.azure.Sleeper;
import io.scalewatch.core.checkpoint.CheckpointKey;
import io.scalewatch.core.checkpoint.ScanWindow;
import io.scalewatch.core.event.CloudProvider;
import io.scalewatch.core.run.Deadline;
import io.scalewatch.core.run.ScanTarget;
import io.scalewatch.core.run.TargetSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The watched service principal's AzureActivity in each configured Log Analytics workspace, as targets of a
 * scheduled run: one {@link ScanTarget} per workspace (checkpoint key: cloud {@code azure}, account = workspace id,
 * region {@code global}, identity = the object id, else the app id), each read by its own
 * {@link AzureActivityCollector}.
 *
 * <pre>{@code
 * AzureActivitySource source = AzureActivitySource.builder().client(logsClient)
 *         .workspaces(List.of("<workspace GUID>")).objectId(objectId).appId(appId).runId(runId).build();
 * List<TargetOutcome> outcomes = scheduledScan.run(runId, source.targets(), deadline);
 * }</pre>
 */
public final class AzureActivitySource implements TargetSource {
    /** The checkpoint region of workspace targets: a workspace query is not regional. */
    public static final String REGION = "global";

    private final LogsQueryClient client;
    private final List<String> workspaces;
    private final ActivityQuery principal;
    private final AzureActivityCollector.Settings settings;
    private final Sleeper sleeper;
    private final String runId;

    private AzureActivitySource(Builder b) {
        this.client = b.client;
        this.workspaces = List.copyOf(b.checkedWorkspaces);
        this.principal = b.principal;
        this.settings = b.settings;
        this.sleeper = b.sleeper;
        this.runId = b.runId;
    }

    /** A builder; client, at least one workspace, and an object id and / or app id are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The identity in checkpoint keys: the object id, else the app id. */
    public String identity() {
        return principal.objectId().isEmpty() ? principal.appId() : principal.objectId();
    }

    /** One target per workspace, in the order configured. */
    public List<ScanTarget> targets() {
        List<ScanTarget> targets = new ArrayList<>();
        for (String workspace : workspaces) {
            targets.add(new ScanTarget(new CheckpointKey(CloudProvider.AZURE, workspace, REGION, identity())));
        }
        return targets;
    }

    /**
     * A collector for one of this source's targets.
     *
     * @throws IllegalArgumentException when the target is not one of {@link #targets()}
     */
    @Override
    public AzureActivityCollector open(ScanTarget target, ScanWindow window, Deadline deadline) {
        CheckpointKey key = target.key();
        if (key.cloud() != CloudProvider.AZURE || !workspaces.contains(key.account())
                || !key.identity().equals(identity()) || !key.region().equals(REGION)) {
            throw new IllegalArgumentException("target " + key + " is not one of this source's workspace targets"
                    + " (azure, one of " + workspaces + ", " + REGION + ", " + identity() + ")");
        }
        return AzureActivityCollector.builder().client(client).workspaceId(key.account())
                .objectId(principal.objectId()).appId(principal.appId()).window(window).deadline(deadline)
                .settings(settings).sleeper(sleeper).runId(runId).build();
    }

    /** Builder of {@link AzureActivitySource}. */
    public static final class Builder {
        private LogsQueryClient client;
        private List<String> workspaces = List.of();
        private final Set<String> checkedWorkspaces = new LinkedHashSet<>();
        private String objectId = "";
        private String appId = "";
        private ActivityQuery principal;
        private AzureActivityCollector.Settings settings = AzureActivityCollector.Settings.DEFAULT;
        private Sleeper sleeper = Sleeper.system();
        private String runId = "";

        private Builder() {}

        /** The Logs Query client shared by every target. */
        public Builder client(LogsQueryClient client) {
            this.client = client;
            return this;
        }

        /** The workspace (customer) ids, GUIDs; replaces earlier ones. */
        public Builder workspaces(List<String> workspaces) {
            this.workspaces = List.copyOf(workspaces);
            return this;
        }

        /** The service principal's object id. */
        public Builder objectId(String objectId) {
            this.objectId = objectId;
            return this;
        }

        /** The application (client) id. */
        public Builder appId(String appId) {
            this.appId = appId;
            return this;
        }

        /** Slicing, limits, timeouts and retries of every collector. */
        public Builder settings(AzureActivityCollector.Settings settings) {
            this.settings = settings;
            return this;
        }

        /** How retry waits pass. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        /** The run id, for logs. */
        public Builder runId(String runId) {
            this.runId = runId;
            return this;
        }

        /**
         * Builds, checking the required parts.
         *
         * @throws InvalidQueryValueException when a workspace, object or app id is not a GUID
         */
        public AzureActivitySource build() {
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(sleeper, "sleeper");
            if (workspaces.isEmpty()) {
                throw new IllegalArgumentException("at least one Log Analytics workspace id is needed");
            }
            checkedWorkspaces.clear();
            for (String workspace : workspaces) {
                checkedWorkspaces.add(ActivityQuery.guid(workspace, "workspace"));
            }
            principal = ActivityQuery.of(objectId, appId);
            runId = Objects.requireNonNullElse(runId, "");
            return new AzureActivitySource(this);
        }
    }
}
