package io.scalewatch.aws.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Access to one target account through its assumed read-only role: clients built with the session's
 * credentials, one per service and region, reused. The credentials refresh themselves before they expire
 * (a long run outlives a one-hour session) and never leave this object: {@link #toString()} names the
 * account and role only.
 */
public final class AccountSession implements AutoCloseable {
    private final String account;
    private final String roleArn;
    private final String sessionName;
    private final AwsCredentialsProvider credentials;
    private final AwsClientFactory clients;
    private final boolean ownsCredentials;
    private final Map<Region, CloudTrailClient> cloudTrail = new ConcurrentHashMap<>();
    private final Map<Region, S3Client> s3 = new ConcurrentHashMap<>();
    private volatile IamClient iam;

    AccountSession(String account, String roleArn, String sessionName, AwsCredentialsProvider credentials,
            AwsClientFactory clients) {
        this(account, roleArn, sessionName, credentials, clients, true);
    }

    private AccountSession(String account, String roleArn, String sessionName, AwsCredentialsProvider credentials,
            AwsClientFactory clients, boolean ownsCredentials) {
        this.account = Objects.requireNonNull(account, "account");
        this.roleArn = Objects.requireNonNull(roleArn, "roleArn");
        this.sessionName = Objects.requireNonNull(sessionName, "sessionName");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.ownsCredentials = ownsCredentials;
    }

    /**
     * The caller's own account with the caller's own credentials: no role is assumed (a scheduled scan of the
     * account it runs in). {@link #close()} closes the clients but leaves {@code credentials} open, since the
     * caller owns them.
     *
     * @throws IllegalArgumentException when {@code account} is not a 12-digit account id
     */
    public static AccountSession own(String account, AwsCredentialsProvider credentials, AwsClientFactory clients) {
        if (account == null || !account.matches("\\d{12}")) {
            throw new IllegalArgumentException("account must be a 12-digit AWS account id, got '" + account + "'");
        }
        return new AccountSession(account, "", "", credentials, clients, false);
    }

    /** True when this session assumed a role, false for the caller's own credentials ({@link #own}). */
    public boolean assumed() {
        return !roleArn.isEmpty();
    }

    /** The target account id. */
    public String account() {
        return account;
    }

    /** The role assumed in it, empty for the caller's own credentials. */
    public String roleArn() {
        return roleArn;
    }

    /** The STS session name, {@code scalewatch-<run-id>}: what the account's CloudTrail shows for our calls. */
    public String sessionName() {
        return sessionName;
    }

    /** The session's credentials, for clients this class does not build. Never log what they resolve to. */
    public AwsCredentialsProvider credentials() {
        return credentials;
    }

    /** The account's CloudTrail client for a region. */
    public CloudTrailClient cloudTrail(Region region) {
        return cloudTrail.computeIfAbsent(region, r -> clients.cloudTrail(r, credentials));
    }

    /** The account's S3 client for a region. */
    public S3Client s3(Region region) {
        return s3.computeIfAbsent(region, r -> clients.s3(r, credentials));
    }

    /** The account's IAM client. */
    public synchronized IamClient iam() {
        if (iam == null) {
            iam = clients.iam(credentials);
        }
        return iam;
    }

    /** Closes the clients and stops refreshing the credentials. */
    @Override
    public synchronized void close() {
        List<AutoCloseable> all = new ArrayList<>(cloudTrail.values());
        all.addAll(s3.values());
        if (iam != null) {
            all.add(iam);
        }
        if (ownsCredentials && credentials instanceof SdkAutoCloseable closeable) {
            all.add(closeable);
        }
        for (AutoCloseable c : all) {
            try {
                c.close();
            } catch (Exception e) {
                // closing is best effort; nothing is left to do with a client that will not close
            }
        }
        cloudTrail.clear();
        s3.clear();
        iam = null;
    }

    @Override
    public String toString() {
        return assumed() ? "AccountSession[account=" + account + ", role=" + roleArn + ", session=" + sessionName + "]"
                : "AccountSession[account=" + account + ", own credentials]";
    }
}
