package io.scalewatch.gcp.lambda;

import io.scalewatch.aws.lambda.ScanConfigFields;
import io.scalewatch.core.identity.IdentityMatcher;
import io.scalewatch.core.run.ScanConfigException;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Reads a {@link GcpScanConfig} as the AWS scan reads its own ({@link ScanConfigFields}): the scheduler event, then
 * the S3 config object at {@code SCALEWATCH_CONFIG_S3}, then the environment ({@link GcpEnvironment}); unknown fields
 * are errors. Every error is a {@link ScanConfigException} naming the field and where it came from.
 *
 * <pre>{@code
 * GcpScanConfig config = new GcpScanConfigLoader(System.getenv(), s3).load(event);
 * }</pre>
 */
public final class GcpScanConfigLoader {
    /** What a GCP config may hold. */
    public static final ScanConfigFields.Spec SPEC =
            new ScanConfigFields.Spec(GcpEnvironment.CONFIG_S3, GcpEnvironment.variables(), GcpScanConfig.FIELDS);

    private final Map<String, String> env;
    private final S3Client s3;
    private final Clock clock;

    /** A loader over {@code env}, reading the config object with {@code s3} (the function's own credentials). */
    public GcpScanConfigLoader(Map<String, String> env, S3Client s3) {
        this(env, s3, Clock.systemUTC());
    }

    /** A loader whose suppression expiry horizon counts from {@code clock}'s time. */
    public GcpScanConfigLoader(Map<String, String> env, S3Client s3, Clock clock) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The config of one invocation.
     *
     * @throws ScanConfigException naming the field, its source and what is valid
     */
    public GcpScanConfig load(Map<String, Object> event) {
        ScanConfigFields f = ScanConfigFields.load(SPEC, env, s3, event, ScanConfigException::new);
        try {
            String identityText = f.required(GcpScanConfig.IDENTITY, "the watched service account's email");
            IdentityMatcher identity;
            try {
                identity = IdentityMatcher.parse(identityText);
            } catch (IllegalArgumentException e) {
                throw f.error(GcpScanConfig.IDENTITY, e.getMessage());
            }
            if (f.list(GcpScanConfig.PROJECTS).isEmpty()) {
                throw f.missing(GcpScanConfig.PROJECTS, "the project ids to scan, one target each");
            }
            return GcpScanConfig.builder()
                    .identity(identity)
                    .projects(f.list(GcpScanConfig.PROJECTS))
                    .folders(f.list(GcpScanConfig.FOLDERS))
                    .organizations(f.list(GcpScanConfig.ORGANIZATIONS))
                    .dataAccess(f.bool(GcpScanConfig.DATA_ACCESS).orElse(false))
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
