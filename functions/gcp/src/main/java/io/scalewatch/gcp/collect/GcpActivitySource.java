package io.scalewatch.gcp.collect;

import com.google.cloud.logging.v2.LoggingClient;
import io.scalewatch.core.checkpoint.ScanWindow;
import io.scalewatch.core.event.CloudProvider;
import io.scalewatch.core.run.Deadline;
import io.scalewatch.core.run.ScanTarget;
import io.scalewatch.core.run.TargetSource;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * The GCP activity of scheduled-run targets: each target (cloud {@code gcp}, account = a project id, or
 * {@code folders/<n>} / {@code organizations/<n>}, region {@code global}, identity = the service account's email)
 * opens a {@link CloudLoggingCollector} over that resource, or over the resources configured for the account
 * (a project together with the folder or organization whose audit logs record changes made above it).
 *
 * <pre>{@code
 * TargetSource gcp = GcpActivitySource.builder().logging(loggingClient).dataAccess(true)
 *         .resources("my-project", List.of("projects/my-project", "folders/1234567890")).build();
 * ScheduledScan run = ScheduledScan.builder().source(gcp)...build();
 * }</pre>
 */
public final class GcpActivitySource implements TargetSource {
    private final LoggingClient logging;
    private final Map<String, List<String>> resources;
    private final boolean dataAccess;
    private final int pageSize;
    private final Duration callTimeout;
    private final Duration reserve;
    private final RetryPolicy retryPolicy;
    private final Sleeper sleeper;
    private final DoubleSupplier jitter;
    private final String runId;

    private GcpActivitySource(Builder b) {
        this.logging = b.logging;
        this.resources = Map.copyOf(b.resources);
        this.dataAccess = b.dataAccess;
        this.pageSize = b.pageSize;
        this.callTimeout = b.callTimeout;
        this.reserve = b.reserve;
        this.retryPolicy = b.retryPolicy;
        this.sleeper = b.sleeper;
        this.jitter = b.jitter;
        this.runId = b.runId;
    }

    /** A builder; logging is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A collector for the target's window (read it once).
     *
     * @throws IllegalArgumentException when the target is not a GCP one
     * @throws InvalidFilterValueException when its account or identity cannot go into a filter
     */
    @Override
    public CloudLoggingCollector open(ScanTarget target, ScanWindow window, Deadline deadline) {
        Objects.requireNonNull(target, "target");
        if (target.key().cloud() != CloudProvider.GCP) {
            throw new IllegalArgumentException("GcpActivitySource reads GCP targets; this target's cloud is "
                    + target.key().cloud().id());
        }
        String account = target.key().account();
        List<String> names = resources.getOrDefault(account, List.of(resourceOf(account)));
        return CloudLoggingCollector.builder().logging(logging).resourceNames(names)
                .serviceAccount(target.key().identity()).window(window).deadline(deadline).deadlineReserve(reserve)
                .dataAccess(dataAccess).pageSize(pageSize).callTimeout(callTimeout).retryPolicy(retryPolicy)
                .sleeper(sleeper).jitter(jitter).runId(runId).build();
    }

    /** {@code folders/<n>} and {@code organizations/<n>} as they are; anything else is a project id. */
    static String resourceOf(String account) {
        if (account.startsWith("folders/") || account.startsWith("organizations/") || account.startsWith("projects/")) {
            return LogFilter.resourceName(account);
        }
        return LogFilter.resourceName("projects/" + account);
    }

    /** Builder of {@link GcpActivitySource}. */
    public static final class Builder {
        private LoggingClient logging;
        private final Map<String, List<String>> resources = new HashMap<>();
        private boolean dataAccess;
        private int pageSize = CloudLoggingCollector.MAX_PAGE_SIZE;
        private Duration callTimeout = CloudLoggingClients.DEFAULT_TIMEOUT;
        private Duration reserve = Duration.ofSeconds(60);
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        private Sleeper sleeper = Sleeper.system();
        private DoubleSupplier jitter = () -> ThreadLocalRandom.current().nextDouble();
        private String runId = "-";

        private Builder() {}

        /** The Logging client, shared by every collector (see {@link CloudLoggingClients}). */
        public Builder logging(LoggingClient logging) {
            this.logging = logging;
            return this;
        }

        /**
         * The parent resources read for targets of {@code account} (default: the account itself, as
         * {@code projects/<account>} unless it names a folder or organization).
         *
         * @throws InvalidFilterValueException when a resource name is not of its kind
         */
        public Builder resources(String account, List<String> resourceNames) {
            Objects.requireNonNull(account, "account");
            if (resourceNames.isEmpty()) {
                throw new IllegalArgumentException("resources of " + account + " must name at least one resource");
            }
            resourceNames.forEach(LogFilter::resourceName);
            this.resources.put(account, List.copyOf(resourceNames));
            return this;
        }

        /** Whether Data Access audit logs are read too (default false). */
        public Builder dataAccess(boolean dataAccess) {
            this.dataAccess = dataAccess;
            return this;
        }

        /** Entries per page, 1 to 1000 (default 1000). */
        public Builder pageSize(int pageSize) {
            this.pageSize = pageSize;
            return this;
        }

        /** The longest a single page request may take (default 60 s). */
        public Builder callTimeout(Duration callTimeout) {
            this.callTimeout = callTimeout;
            return this;
        }

        /** Time kept after collecting for evaluating, publishing and checkpointing (default 60 s). */
        public Builder deadlineReserve(Duration reserve) {
            this.reserve = reserve;
            return this;
        }

        /** Retries on quota and transient errors. */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = retryPolicy;
            return this;
        }

        /** How to wait between retries. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        /** Jitter source in [0, 1). */
        public Builder jitter(DoubleSupplier jitter) {
            this.jitter = jitter;
            return this;
        }

        /** The run id for log lines. */
        public Builder runId(String runId) {
            this.runId = runId;
            return this;
        }

        /** Builds; the logging client is required. */
        public GcpActivitySource build() {
            if (logging == null) {
                throw new IllegalArgumentException("logging is required");
            }
            return new GcpActivitySource(this);
        }
    }
}
