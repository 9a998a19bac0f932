package io.scalewatch.gcp.lambda;

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
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What one scheduled GCP scan does: which service account it watches, in which projects (one target each), which
 * folders and organizations add to its posture, whether Data Access logs are read, and where results go (S3 and
 * Security Hub of the function's own AWS account, as {@link AwsScanConfig.Outputs}). Built by
 * {@link GcpScanConfigLoader}; the CLI builds it with {@link #builder()}.
 *
 * <pre>{@code
 * GcpScanConfig config = GcpScanConfig.builder()
 *         .identity(IdentityMatcher.parse("castai-gke@demo-project.iam.gserviceaccount.com"))
 *         .projects(List.of("demo-project")).outputs(AwsScanConfig.Outputs.s3("audit-bucket", "scalewatch")).build();
 * }</pre>
 *
 * @param projects target project ids (at least one)
 * @param folders {@code folders/<n>} whose IAM policies are read into the posture
 * @param organizations {@code organizations/<n>} whose IAM policies are read into the posture
 * @param dataAccess whether Data Access audit logs are read besides Admin Activity
 * @param suppressions accepted findings applied to every target's report (validated when the config is loaded)
 * @param now the instant windows are cut from (replays, tests); {@code null}: the clock's time
 */
public record GcpScanConfig(
        IdentityMatcher identity,
        List<String> projects,
        List<String> folders,
        List<String> organizations,
        boolean dataAccess,
        AwsScanConfig.Outputs outputs,
        AgentProfile profile,
        JsonNode settings,
        Suppressions suppressions,
        ScanWindow.Policy window,
        Duration deadlineReserve,
        Instant now) {
    /** Config field names (the event's and the S3 object's JSON keys); the shared ones are {@link AwsScanConfig}'s. */
    public static final String IDENTITY = "identity";
    public static final String PROJECTS = "projects";
    public static final String FOLDERS = "folders";
    public static final String ORGANIZATIONS = "organizations";
    public static final String DATA_ACCESS = "dataAccess";

    /** Every top-level field, in the order of the docs. */
    public static final List<String> FIELDS = fields();

    static final Pattern PROJECT_ID = Pattern.compile("[a-z][a-z0-9-]{4,28}[a-z0-9]");
    static final Pattern FOLDER = Pattern.compile("folders/[0-9]{1,20}");
    static final Pattern ORGANIZATION = Pattern.compile("organizations/[0-9]{1,20}");
    static final Duration MAX_RESERVE = Duration.ofMinutes(15);

    private static List<String> fields() {
        List<String> fields = new ArrayList<>(List.of(IDENTITY, PROJECTS, FOLDERS, ORGANIZATIONS, DATA_ACCESS));
        fields.addAll(ScanConfigFields.SHARED_FIELDS);
        return List.copyOf(fields);
    }

    public GcpScanConfig {
        Objects.requireNonNull(identity, "identity");
        if (identity.kind() != IdentityMatcher.Kind.GCP_SERVICE_ACCOUNT) {
            throw new IllegalArgumentException("config field '" + IDENTITY + "': '" + identity.value() + "' is not a"
                    + " GCP service account; give its email (name@project.iam.gserviceaccount.com)");
        }
        projects = distinct(projects, PROJECTS, PROJECT_ID, "a project id (6-30 lowercase letters, digits, hyphens)");
        if (projects.isEmpty()) {
            throw new IllegalArgumentException("config field '" + PROJECTS + "' is required: the project ids to scan"
                    + " (one target each)");
        }
        folders = distinct(folders, FOLDERS, FOLDER, "folders/<number>");
        organizations = distinct(organizations, ORGANIZATIONS, ORGANIZATION, "organizations/<number>");
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
            out.add(value);
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

    /** Builds a {@link GcpScanConfig}. */
    public static final class Builder {
        private IdentityMatcher identity;
        private List<String> projects = List.of();
        private List<String> folders = List.of();
        private List<String> organizations = List.of();
        private boolean dataAccess;
        private AwsScanConfig.Outputs outputs = AwsScanConfig.Outputs.none();
        private AgentProfile profile = AgentProfiles.builtIn("castai");
        private JsonNode settings;
        private Suppressions suppressions = Suppressions.none();
        private ScanWindow.Policy window = ScanWindow.Policy.DEFAULT;
        private Duration deadlineReserve = Duration.ofSeconds(60);
        private Instant now;

        private Builder() {}

        /** The watched service account (required). */
        public Builder identity(IdentityMatcher identity) {
            this.identity = identity;
            return this;
        }

        /** Target project ids (replaces; at least one). */
        public Builder projects(List<String> projects) {
            this.projects = projects;
            return this;
        }

        /** Folders read into the posture (replaces). */
        public Builder folders(List<String> folders) {
            this.folders = folders;
            return this;
        }

        /** Organizations read into the posture (replaces). */
        public Builder organizations(List<String> organizations) {
            this.organizations = organizations;
            return this;
        }

        /** Whether Data Access logs are read too (default false). */
        public Builder dataAccess(boolean dataAccess) {
            this.dataAccess = dataAccess;
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
        public GcpScanConfig build() {
            if (identity == null) {
                throw new IllegalArgumentException("config field '" + IDENTITY + "' is required: the watched service"
                        + " account's email");
            }
            return new GcpScanConfig(identity, projects, folders, organizations, dataAccess, outputs, profile,
                    settings, suppressions, window, deadlineReserve, now);
        }
    }
}
