package io.scalewatch.azure.lambda;

import io.scalewatch.aws.lambda.ScanConfigFields;
import io.scalewatch.core.identity.IdentityMatcher;
import io.scalewatch.core.run.ScanConfigException;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Reads an {@link AzureScanConfig} as the AWS scan reads its own ({@link ScanConfigFields}): the scheduler event,
 * then the S3 config object at {@code SCALEWATCH_CONFIG_S3}, then the environment ({@link AzureEnvironment});
 * unknown fields are errors. Every error is a {@link ScanConfigException} naming the field and where it came from.
 *
 * <pre>{@code
 * AzureScanConfig config = new AzureScanConfigLoader(System.getenv(), s3).load(event);
 * }</pre>
 */
public final class AzureScanConfigLoader {
    /** What an Azure config may hold. */
    public static final ScanConfigFields.Spec SPEC = new ScanConfigFields.Spec(AzureEnvironment.CONFIG_S3,
            AzureEnvironment.variables(), AzureScanConfig.FIELDS);

    private final Map<String, String> env;
    private final S3Client s3;
    private final Clock clock;

    /** A loader over {@code env}, reading the config object with {@code s3} (the function's own credentials). */
    public AzureScanConfigLoader(Map<String, String> env, S3Client s3) {
        this(env, s3, Clock.systemUTC());
    }

    /** A loader whose suppression expiry horizon counts from {@code clock}'s time. */
    public AzureScanConfigLoader(Map<String, String> env, S3Client s3, Clock clock) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The config of one invocation.
     *
     * @throws ScanConfigException naming the field, its source and what is valid
     */
    public AzureScanConfig load(Map<String, Object> event) {
        ScanConfigFields f = ScanConfigFields.load(SPEC, env, s3, event, ScanConfigException::new);
        try {
            String identityText = f.required(AzureScanConfig.IDENTITY, "the watched service principal's object id");
            IdentityMatcher identity;
            try {
                identity = IdentityMatcher.parse(identityText);
            } catch (IllegalArgumentException e) {
                throw f.error(AzureScanConfig.IDENTITY, e.getMessage());
            }
            if (f.list(AzureScanConfig.WORKSPACES).isEmpty()) {
                throw f.missing(AzureScanConfig.WORKSPACES, "the Log Analytics workspace ids holding AzureActivity");
            }
            return AzureScanConfig.builder()
                    .identity(identity)
                    .appId(f.text(AzureScanConfig.APP_ID).orElse(""))
                    .workspaces(f.list(AzureScanConfig.WORKSPACES))
                    .subscriptions(f.list(AzureScanConfig.SUBSCRIPTIONS))
                    .graphEnabled(f.bool(AzureScanConfig.GRAPH_ENABLED).orElse(true))
                    .outputs(f.outputs())
                    .profile(f.profile())
                    .settings(f.settings())
                    .suppressions(f.suppressions(clock.instant()))
                    .window(f.window())
                    .deadlineReserve(f.deadlineReserve())
                    .now(f.now())
                    .build();
        } catch (IllegalArgumentException e) {
            throw f.error(e);
        }
    }
}
