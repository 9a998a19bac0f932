package io.scalewatch.azure.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.scalewatch.aws.lambda.AwsScanConfig;
import io.scalewatch.aws.lambda.ScanConfigFields;
import io.scalewatch.core.aivss.AgentProfile;
import io.scalewatch.core.aivss.AgentProfiles;
import io.scalewatch.core.checkpoint.ScanWindow;
import io.scalewatch.core.identity.IdentityMatcher;
import io.scalewatch.core.suppress.Suppressions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What one scheduled Azure scan does: which service principal it watches (object id, and app id when rows may be
 * signed with it), in which Log Analytics workspaces (one target each: a workspace's AzureActivity holds every
 * subscription that exports to it), which subscriptions' role assignments form its posture, and where results go
 * (S3 and Security Hub of the function's own AWS account, as {@link AwsScanConfig.Outputs}). Built by
 * {@link AzureScanConfigLoader}; the CLI builds it with {@link #builder()}.
 *
 * <pre>{@code
 * AzureScanConfig config = AzureScanConfig.builder()
 *         .identity(IdentityMatcher.parse("0b5c2f6e-1111-4111-8111-111111111111"))
 *         .workspaces(List.of("5d7c1a9e-2b3f-4c6d-8e0a-1b2c3d4e5f60"))
 *         .subscriptions(List.of("3f2b8c1d-4e5a-4b6c-9d7e-8f9a0b1c2d3e")).build();
 * }</pre>
 *
 * @param identity the watched principal's object id
 * @param appId its application (client) id, empty for none
 * @param workspaces Log Analytics workspace ids (at least one)
 * @param subscriptions subscriptions whose role assignments are read into the posture (none: no posture)
 * @param graphEnabled whether the principal's credentials are read from Microsoft Graph
 * @param suppressions accepted findings applied to every target's report (validated when the config is loaded)
 * @param now the instant windows are cut from (replays, tests); {@code null}: the clock's time
 */
public record AzureScanConfig(
        IdentityMatcher identity,
        String appId,
        List<String> workspaces,
        List<String> subscriptions,
        boolean graphEnabled,
        AwsScanConfig.Outputs outputs,
        AgentProfile profile,
        JsonNode settings,
        Suppressions suppressions,
        ScanWindow.Policy window,
        Duration deadlineReserve,
        Instant now) {
    /** Config field names (the event's and the S3 object's JSON keys); the shared ones are {@link AwsScanConfig}'s. */
    public static final String IDENTITY = "identity";
    public static final String APP_ID = "appId";
    public static final String WORKSPACES = "workspaces";
    public static final String SUBSCRIPTIONS = "subscriptions";
    public static final String GRAPH_ENABLED = "graphEnabled";

    /** Every top-level field, in the order of the docs. */
    public static final List<String> FIELDS = fields();

    static final Pattern GUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    static final Duration MAX_RESERVE = Duration.ofMinutes(15);

    private static List<String> fields() {
        List<String> fields = new ArrayList<>(List.of(IDENTITY, APP_ID, WORKSPACES, SUBSCRIPTIONS, GRAPH_ENABLED));
        fields.addAll(ScanConfigFields.SHARED_FIELDS);
        return List.copyOf(fields);
    }

    public AzureScanConfig {
        Objects.requireNonNull(identity, "identity");
        if (identity.kind() != IdentityMatcher.Kind.AZURE_PRINCIPAL) {
            throw new IllegalArgumentException("config field '" + IDENTITY + "': '" + identity.value() + "' is not an"
                    + " Azure principal; give the service principal's object id (a GUID)");
        }
        appId = Objects.requireNonNullElse(appId, "").toLowerCase(Locale.ROOT);
        if (!appId.isEmpty() && !GUID.matcher(appId).matches()) {
            throw new IllegalArgumentException("config field '" + APP_ID + "': '" + appId + "' is not a GUID");
        }
        workspaces = distinct(workspaces, WORKSPACES, GUID, "a workspace id (GUID)");
        if (workspaces.isEmpty()) {
            throw new IllegalArgumentException("config field '" + WORKSPACES + "' is required: the Log Analytics"
                    + " workspace ids holding AzureActivity (one target each)");
        }
        subscriptions = distinct(subscriptions, SUBSCRIPTIONS, GUID, "a subscription id (GUID)");
        Objects.requireNonNull(outputs, "outputs");
        Objects.requireNonNull(profile, "profile");
        settings = settings == null || settings.isNull() ? JsonNodeFactory.instance.objectNode() : settings;
        if (!settings.isObject()) {
            throw new IllegalArgumentException("config field '" + AwsScanConfig.SETTINGS + "' must be a JSON object of"
                    + " policy settings overrides, got " + settings.getNodeType());
        }
        suppressions = suppressions == null ? Suppressions.none() : suppressions;
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(deadlineReserve, "deadlineReserve");
        if (deadlineReserve.isNegative() || deadlineReserve.compareTo(MAX_RESERVE) > 0) {
            throw new IllegalArgumentException("config field '" + AwsScanConfig.DEADLINE_RESERVE + "' must be within"
                    + " PT0S.." + MAX_RESERVE + ", got " + deadlineReserve);
        }
    }

    private static List<String> distinct(List<String> values, String field, Pattern pattern, String what) {
        Set<String> out = new LinkedHashSet<>();
        for (String value : values == null ? List.<String>of() : values) {
            if (value == null || !pattern.matcher(value).matches()) {
                throw new IllegalArgumentException("config field '" + field + "': '" + value + "' is not " + what);
            }
            out.add(value.toLowerCase(Locale.ROOT)); // GUIDs compare case-insensitively; the collectors lowercase them
        }
        return List.copyOf(out);
    }

    /** A builder: castai profile, default windows, 60 s reserve, no outputs in the cloud. */
    public static Builder builder() {
        return new Builder();
    }

    /** The instant windows are cut from when one is fixed (replays, tests). */
    public Optional<Instant> fixedNow() {
        return Optional.ofNullable(now);
    }

    /** The clock windows are cut with: fixed at {@link #now} when set, else {@code clock}. */
    public Clock windowClock(Clock clock) {
        return now == null ? clock : Clock.fixed(now, ZoneOffset.UTC);
    }

    /** Builds an {@link AzureScanConfig}. */
    public static final class Builder {
        private IdentityMatcher identity;
        private String appId = "";
        private List<String> workspaces = List.of();
        private List<String> subscriptions = List.of();
        private boolean graphEnabled = true;
        private AwsScanConfig.Outputs outputs = AwsScanConfig.Outputs.none();
        private AgentProfile profile = AgentProfiles.builtIn("castai");
        private JsonNode settings;
        private Suppressions suppressions = Suppressions.none();
        private ScanWindow.Policy window = ScanWindow.Policy.DEFAULT;
        private Duration deadlineReserve = Duration.ofSeconds(60);
        private Instant now;

        private Builder() {}

        /** The watched principal's object id (required). */
        public Builder identity(IdentityMatcher identity) {
            this.identity = identity;
            return this;
        }

        /** The watched principal's application id (default none). */
        public Builder appId(String appId) {
            this.appId = appId;
            return this;
        }

        /** Target workspace ids (replaces; at least one). */
        public Builder workspaces(List<String> workspaces) {
            this.workspaces = workspaces;
            return this;
        }

        /** Subscriptions read into the posture (replaces; default none). */
        public Builder subscriptions(List<String> subscriptions) {
            this.subscriptions = subscriptions;
            return this;
        }

        /** Whether the principal's credentials are read from Graph (default true). */
        public Builder graphEnabled(boolean graphEnabled) {
            this.graphEnabled = graphEnabled;
            return this;
        }

        /** Where results go (default: nowhere in the cloud). */
        public Builder outputs(AwsScanConfig.Outputs outputs) {
            this.outputs = outputs;
            return this;
        }

        /** The agent profile (default castai). */
        public Builder profile(AgentProfile profile) {
            this.profile = profile;
            return this;
        }

        /** Policy settings overrides (default none). */
        public Builder settings(JsonNode settings) {
            this.settings = settings;
            return this;
        }

        /** Accepted findings applied to every target's report (default none). */
        public Builder suppressions(Suppressions suppressions) {
            this.suppressions = suppressions;
            return this;
        }

        /** How windows are cut. */
        public Builder window(ScanWindow.Policy window) {
            this.window = window;
            return this;
        }

        /** Time kept for evaluating, publishing and checkpointing (default 60 s). */
        public Builder deadlineReserve(Duration deadlineReserve) {
            this.deadlineReserve = deadlineReserve;
            return this;
        }

        /** Cut windows from this instant instead of the clock's (replays, tests). */
        public Builder now(Instant now) {
            this.now = now;
            return this;
        }

        /**
         * The config.
         *
         * @throws IllegalArgumentException naming the config field that is missing or invalid
         */
        public AzureScanConfig build() {
            if (identity == null) {
                throw new IllegalArgumentException("config field '" + IDENTITY + "' is required: the watched service"
                        + " principal's object id");
            }
            return new AzureScanConfig(identity, appId, workspaces, subscriptions, graphEnabled, outputs, profile,
                    settings, suppressions, window, deadlineReserve, now);
        }
    }
}
