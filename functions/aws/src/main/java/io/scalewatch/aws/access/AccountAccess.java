package io.scalewatch.aws.access;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;

/**
 * Opens sessions in target accounts: STS {@code AssumeRole} into
 * {@code arn:aws:iam::<account>:role/<read-only role>} with the deployment's {@code ExternalId} and the session
 * name {@code scalewatch-<run-id>}, then clients for CloudTrail, S3 and IAM with those credentials.
 *
 * <p>The role is assumed once at {@link #assume} (so a misconfigured account fails at once, with a clear
 * message) and again before the credentials expire. Credentials appear in no log, message or
 * {@code toString()}.
 *
 * <pre>{@code
 * AccountAccess access = AccountAccess.builder().sts(sts).roleName("scalewatch-read")
 *         .externalId(externalId).runId(runId).clients(AwsClients.builder().build()).build();
 * try (AccountSession session = access.assume("123456789012")) {
 *     CloudTrailClient cloudTrail = session.cloudTrail(Region.US_EAST_1);
 * }
 * }</pre>
 */
public final class AccountAccess {
    private static final System.Logger LOG = System.getLogger(AccountAccess.class.getName());
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern ROLE_NAME = Pattern.compile("(/[\\w+=,.@-]+)*/?[\\w+=,.@-]{1,64}");
    private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");
    private static final Pattern PARTITION = Pattern.compile("aws(-[a-z]+)*");
    private static final Pattern NOT_SESSION_CHARACTER = Pattern.compile("[^\\w+=,.@-]");
    private static final int MAX_SESSION_NAME = 64;

    private final StsClient sts;
    private final String roleName;
    private final String externalId;
    private final String sessionName;
    private final String partition;
    private final Duration sessionDuration;
    private final AwsClientFactory clients;
    private final String runId;

    private AccountAccess(Builder b) {
        this.sts = b.sts;
        this.roleName = b.roleName.startsWith("/") ? b.roleName.substring(1) : b.roleName;
        this.externalId = b.externalId;
        this.sessionName = sessionName(b.runId);
        this.partition = b.partition;
        this.sessionDuration = b.sessionDuration;
        this.clients = b.clients;
        this.runId = b.runId;
    }

    /** A builder; sts, roleName, externalId, runId and clients are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** {@code scalewatch-<run-id>}, characters STS does not allow replaced by {@code -}, at most 64. */
    static String sessionName(String runId) {
        String name = "scalewatch-" + NOT_SESSION_CHARACTER.matcher(runId).replaceAll("-");
        return name.length() > MAX_SESSION_NAME ? name.substring(0, MAX_SESSION_NAME) : name;
    }

    /** The role ARN assumed in {@code account}. */
    public String roleArn(String account) {
        return "arn:" + partition + ":iam::" + requireAccount(account) + ":role/" + roleName;
    }

    /** The STS session name every session of this run uses. */
    public String sessionName() {
        return sessionName;
    }

    /**
     * Assumes the read-only role in {@code account}.
     *
     * @throws IllegalArgumentException when {@code account} is not a 12-digit account id
     * @throws AccountAccessException when STS refuses or fails
     */
    public AccountSession assume(String account) {
        String roleArn = roleArn(account);
        AssumeRoleRequest request = AssumeRoleRequest.builder()
                .roleArn(roleArn)
                .roleSessionName(sessionName)
                .externalId(externalId)
                .durationSeconds((int) sessionDuration.toSeconds())
                .build();
        StsAssumeRoleCredentialsProvider credentials = StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .refreshRequest(request)
                .asyncCredentialUpdateEnabled(false)
                .build();
        try {
            credentials.resolveCredentials();
        } catch (RuntimeException e) {
            credentials.close();
            if (!AwsErrors.isSdkError(e)) {
                throw e;
            }
            LOG.log(Level.ERROR, () -> context(account) + " event=assume_failed role=" + roleArn + " error=\""
                    + AwsErrors.describe(e) + "\"");
            throw new AccountAccessException("cannot assume " + roleArn + " as session " + sessionName
                    + " (with the configured ExternalId): " + AwsErrors.describe(e));
        }
        LOG.log(Level.INFO, () -> context(account) + " event=assumed role=" + roleArn + " session=" + sessionName);
        return new AccountSession(account, roleArn, sessionName, credentials, clients);
    }

    private String context(String account) {
        return "run_id=" + runId + " cloud=aws account=" + account;
    }

    private static String requireAccount(String account) {
        if (account == null || !ACCOUNT.matcher(account).matches()) {
            throw new IllegalArgumentException("account must be a 12-digit AWS account id, got '" + account + "'");
        }
        return account;
    }

    @Override
    public String toString() {
        return "AccountAccess[role=" + roleName + ", session=" + sessionName + "]";
    }

    /** Builds an {@link AccountAccess}. */
    public static final class Builder {
        private StsClient sts;
        private String roleName;
        private String externalId;
        private String runId;
        private String partition = "aws";
        private Duration sessionDuration = Duration.ofHours(1);
        private AwsClientFactory clients;

        private Builder() {}

        /** The STS client, with scalewatch's own credentials. */
        public Builder sts(StsClient sts) {
            this.sts = sts;
            return this;
        }

        /** The read-only role's name in every target account (a path may precede it). */
        public Builder roleName(String roleName) {
            this.roleName = roleName;
            return this;
        }

        /** The ExternalId the role's trust policy requires. */
        public Builder externalId(String externalId) {
            this.externalId = externalId;
            return this;
        }

        /** The run id; sessions are named {@code scalewatch-<run-id>}. */
        public Builder runId(String runId) {
            this.runId = runId;
            return this;
        }

        /** The partition of the target accounts ({@code aws}). */
        public Builder partition(String partition) {
            this.partition = partition;
            return this;
        }

        /** How long each assumed session lasts before it is refreshed (1 hour; 15 min to 12 h). */
        public Builder sessionDuration(Duration sessionDuration) {
            this.sessionDuration = sessionDuration;
            return this;
        }

        /** Builds the per-account clients. */
        public Builder clients(AwsClientFactory clients) {
            this.clients = clients;
            return this;
        }

        /**
         * The access.
         *
         * @throws IllegalArgumentException naming the missing or invalid setting (the ExternalId's value is
         *     never shown)
         */
        public AccountAccess build() {
            if (sts == null || clients == null) {
                throw new IllegalArgumentException((sts == null ? "sts" : "clients") + " is required");
            }
            if (roleName == null || !ROLE_NAME.matcher(roleName).matches()) {
                throw new IllegalArgumentException("roleName must be an IAM role name ([\\w+=,.@-], 1-64 characters,"
                        + " optionally after a /path/), got '" + roleName + "'");
            }
            if (externalId == null || !EXTERNAL_ID.matcher(externalId).matches()) {
                throw new IllegalArgumentException("externalId must be 2-1224 characters of [\\w+=,.@:/-]"
                        + (externalId == null ? " and is required" : " (value not shown)"));
            }
            if (runId == null || runId.isBlank()) {
                throw new IllegalArgumentException("runId is required (it names the STS session)");
            }
            if (partition == null || !PARTITION.matcher(partition).matches()) {
                throw new IllegalArgumentException("partition must be aws, aws-cn, aws-us-gov, ..., got '"
                        + partition + "'");
            }
            Objects.requireNonNull(sessionDuration, "sessionDuration");
            if (sessionDuration.compareTo(Duration.ofMinutes(15)) < 0
                    || sessionDuration.compareTo(Duration.ofHours(12)) > 0) {
                throw new IllegalArgumentException("sessionDuration must be within 15 min..12 h, got "
                        + sessionDuration);
            }
            return new AccountAccess(this);
        }
    }
}
