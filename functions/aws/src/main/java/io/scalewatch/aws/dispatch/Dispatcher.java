package io.scalewatch.aws.dispatch;

import io.scalewatch.aws.collect.RetryPolicy;
import io.scalewatch.aws.collect.Sleeper;
import io.scalewatch.core.event.CloudProvider;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * One dispatch run: enumerate the targets of every cloud that has a queue, then enqueue one message per target
 * ({@link QueueSender}). A cloud that cannot be enumerated (Organizations denied) fails the run but does not stop
 * the other clouds' targets from being sent.
 *
 * <pre>{@code
 * Dispatcher dispatcher = Dispatcher.builder().organizations(organizations).sqs(sqs).build();
 * DispatchResult result = dispatcher.dispatch(DispatchConfig.load(System.getenv(), event), runId);
 * }</pre>
 */
public final class Dispatcher {
    private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());
    private final OrganizationAccounts organization;
    private final QueueSender sender;

    private Dispatcher(Builder b) {
        this.organization = new OrganizationAccounts(b.organizations);
        this.sender = new QueueSender(b.sqs, b.retry, b.sleeper);
    }

    /** A builder; the Organizations and SQS clients are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Enumerates and enqueues every target of {@code config}; messages carry {@code dispatchRunId}. */
    public DispatchResult dispatch(DispatchConfig config, String dispatchRunId) {
        LOG.log(Level.INFO, () -> "event=dispatch_start dispatch_run_id=" + dispatchRunId);
        List<DispatchTarget> targets = new ArrayList<>();
        List<AccountSelection.Skipped> skipped = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        if (!config.awsQueueUrl().isEmpty()) {
            try {
                AccountSelection selection = accounts(config);
                skipped.addAll(selection.skipped());
                for (String account : selection.accounts()) {
                    for (String region : config.regions()) {
                        targets.add(DispatchTarget.aws(account, region, config.awsQueueUrl()));
                    }
                }
            } catch (AccountEnumerationException e) {
                errors.add(e.getMessage());
                LOG.log(Level.ERROR, () -> "event=enumeration_failed dispatch_run_id=" + dispatchRunId
                        + " cloud=aws error=\"" + e.getMessage().replace('"', '\'') + "\"");
            }
        }
        config.gcpProjects().forEach(p -> targets.add(DispatchTarget.gcp(p, config.gcpQueueUrl())));
        config.azureWorkspaces().forEach(w -> targets.add(DispatchTarget.azure(w, config.azureQueueUrl())));

        SendReport report = sender.send(targets, dispatchRunId);
        Map<CloudProvider, Integer> counts = new EnumMap<>(CloudProvider.class);
        targets.forEach(t -> counts.merge(t.cloud(), 1, Integer::sum));
        if (!report.unsent().isEmpty()) {
            errors.add(report.unsent().size() + " of " + targets.size() + " targets could not be enqueued");
        }
        DispatchResult result = new DispatchResult(dispatchRunId,
                errors.isEmpty() ? DispatchResult.Status.DONE : DispatchResult.Status.FAILED, counts, report.sent(),
                skipped, report.unsent(), String.join("; ", errors));
        LOG.log(result.status() == DispatchResult.Status.DONE ? Level.INFO : Level.ERROR,
                () -> "event=dispatch_end dispatch_run_id=" + dispatchRunId + " status=" + result.status().id()
                        + " targets=" + targets.size() + " sent=" + report.sent() + " unsent="
                        + report.unsent().size() + " skipped_accounts=" + skipped.size());
        return result;
    }

    /** A fixed account list (minus exclusions) or the organization's accounts. */
    private AccountSelection accounts(DispatchConfig config) {
        if (config.accounts().isEmpty()) {
            return organization.select(config.includeOus(), config.excludeOus(), config.excludeAccounts());
        }
        List<String> accounts = new ArrayList<>();
        List<AccountSelection.Skipped> skipped = new ArrayList<>();
        for (String account : config.accounts().stream().sorted().toList()) {
            if (config.excludeAccounts().contains(account)) {
                skipped.add(new AccountSelection.Skipped(account, "excluded"));
            } else {
                accounts.add(account);
            }
        }
        return new AccountSelection(accounts, skipped);
    }

    /** Builds a {@link Dispatcher}. */
    public static final class Builder {
        private OrganizationsClient organizations;
        private SqsClient sqs;
        private RetryPolicy retry = QueueSender.DEFAULT_RETRY;
        private Sleeper sleeper = Sleeper.system();

        private Builder() {}

        /** The Organizations client (the management or a delegated administrator account; required). */
        public Builder organizations(OrganizationsClient organizations) {
            this.organizations = organizations;
            return this;
        }

        /** The SQS client in the queues' region (required). */
        public Builder sqs(SqsClient sqs) {
            this.sqs = sqs;
            return this;
        }

        /** Retries of entries SendMessageBatch failed (default {@link QueueSender#DEFAULT_RETRY}). */
        public Builder retry(RetryPolicy retry) {
            this.retry = retry;
            return this;
        }

        /** How backoff waits (tests do not sleep). */
        Builder sleeper(Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        /**
         * The dispatcher.
         *
         * @throws NullPointerException when a client is missing
         */
        public Dispatcher build() {
            Objects.requireNonNull(organizations, "organizations");
            Objects.requireNonNull(sqs, "sqs");
            Objects.requireNonNull(retry, "retry");
            Objects.requireNonNull(sleeper, "sleeper");
            return new Dispatcher(this);
        }
    }
}
