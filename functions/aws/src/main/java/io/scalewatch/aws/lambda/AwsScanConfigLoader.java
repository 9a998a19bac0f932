package io.scalewatch.aws.lambda;

import io.scalewatch.core.identity.IdentityMatcher;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Reads an {@link AwsScanConfig} from its three sources, each field taken from the first that sets it:
 * <ol>
 *   <li>the EventBridge Scheduler event (the schedule target's {@code Input} JSON; an EventBridge event's
 *       {@code detail} when the function is invoked by an EventBridge rule);
 *   <li>the JSON object at {@code SCALEWATCH_CONFIG_S3} ({@code s3://bucket/key}), when set;
 *   <li>the environment's defaults ({@link AwsEnvironment}).
 * </ol>
 * JSON objects ({@code window}, {@code settings}) merge field by field; a {@code null} sets nothing. Unknown fields
 * are errors (a typo must not silently fall back to a default). Every error is an {@link AwsScanConfigException}
 * naming the field and where it came from. The merging is {@link ScanConfigFields}', shared with GCP and Azure.
 *
 * <pre>{@code
 * AwsScanConfig config = new AwsScanConfigLoader(System.getenv(), s3).load(event);
 * }</pre>
 */
public final class AwsScanConfigLoader {
    /** What an AWS config may hold. */
    public static final ScanConfigFields.Spec SPEC =
            new ScanConfigFields.Spec(AwsEnvironment.CONFIG_S3, AwsEnvironment.variables(), AwsScanConfig.FIELDS);

    private final Map<String, String> env;
    private final S3Client s3;
    private final Clock clock;

    /**
     * A loader on the system clock.
     *
     * @param env the environment ({@code System.getenv()})
     * @param s3 the client that reads the S3 config and suppression objects (the function's own credentials)
     */
    public AwsScanConfigLoader(Map<String, String> env, S3Client s3) {
        this(env, s3, Clock.systemUTC());
    }

    /**
     * A loader.
     *
     * @param clock the clock a suppression's expiry horizon is measured from
     */
    public AwsScanConfigLoader(Map<String, String> env, S3Client s3, Clock clock) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The config of one invocation.
     *
     * @param event the scheduler's input (may be empty: environment defaults only)
     * @throws AwsScanConfigException naming the field, its source and what is valid
     */
    public AwsScanConfig load(Map<String, Object> event) {
        ScanConfigFields f = ScanConfigFields.load(SPEC, env, s3, event, AwsScanConfigException::new);
        try {
            String identityText = f.required(AwsScanConfig.IDENTITY, "the watched role ARN, user ARN or access key id");
            IdentityMatcher identity;
            try {
                identity = IdentityMatcher.parse(identityText);
            } catch (IllegalArgumentException e) {
                throw f.error(AwsScanConfig.IDENTITY, e.getMessage());
            }
            AwsScanConfig.Outputs outputs = f.outputs();
            CollectorMode mode = CollectorMode.LOOKUP;
            Optional<String> modeText = f.text(AwsScanConfig.MODE);
            if (modeText.isPresent()) {
                try {
                    mode = CollectorMode.parse(modeText.get());
                } catch (IllegalArgumentException e) {
                    throw f.error(AwsScanConfig.MODE, e.getMessage());
                }
            }
            return AwsScanConfig.builder()
                    .identity(identity)
                    .accounts(f.list(AwsScanConfig.ACCOUNTS))
                    .regions(f.list(AwsScanConfig.REGIONS))
                    .source(new AwsScanConfig.Source(mode, f.text(AwsScanConfig.TRAIL_BUCKET).orElse(""),
                            f.text(AwsScanConfig.TRAIL_PREFIX).orElse(""),
                            f.text(AwsScanConfig.TRAIL_BUCKET_REGION).orElse(""),
                            f.text(AwsScanConfig.ORGANIZATION_ID).orElse(""),
                            f.text(AwsScanConfig.EVENT_DATA_STORE).orElse("")))
                    .crossAccount(new AwsScanConfig.CrossAccount(f.text(AwsScanConfig.READ_ROLE_NAME).orElse(""),
                            f.text(AwsScanConfig.EXTERNAL_ID).orElse("")))
                    .outputs(outputs)
                    .settings(f.settings())
                    .suppressions(f.suppressions(clock.instant()))
                    .window(f.window())
                    .deadlineReserve(f.deadlineReserve())
                    .now(f.now())
                    .profile(f.profile())
                    .build();
        } catch (IllegalArgumentException e) {
            throw f.error(e);
        }
    }
}
