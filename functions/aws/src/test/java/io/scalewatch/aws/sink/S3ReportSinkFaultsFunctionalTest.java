package io.scalewatch.aws.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalewatch.aws.FaultInjectingProxy.Response;
import io.scalewatch.aws.FaultInjectingProxy;
import io.scalewatch.aws.Moto;
import io.scalewatch.aws.S3Objects;
import io.scalewatch.aws.SinkFixtures;
import io.scalewatch.core.identity.IdentitySlug;
import io.scalewatch.core.report.ScanReport;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;

/** S3 faults injected between the SDK and the emulator: 503 SlowDown, retried, then reported. */
class S3ReportSinkFaultsFunctionalTest {
    private static final Instant STARTED = Instant.parse("2026-11-24T10:00:00Z");
    private static final String FINDINGS = "findings/cloud=aws/account=111122223333/identity="
            + IdentitySlug.of(SinkFixtures.ROLE) + "/date=2026-11-24/run-1.jsonl.gz";

    private S3Client direct;
    private String bucket;
    private FaultInjectingProxy proxy;
    private S3Client viaProxy;

    @BeforeEach
    void setUp() {
        direct = Moto.s3();
        bucket = S3Objects.newBucket(direct);
        proxy = FaultInjectingProxy.start(Moto.endpoint());
        viaProxy = Moto.s3(proxy.endpoint());
    }

    @AfterEach
    void tearDown() {
        viaProxy.close();
        proxy.close();
        direct.close();
    }

    private static Response slowDown() {
        return Response.of(503, "application/xml", SinkFixtures.resource("faults/s3-slowdown.xml"),
                "x-amz-request-id", "4442587FB7D0A2F9");
    }

    @Test
    void publish_twoSlowDownsOnPutObjectThenSuccess_retriesAndWritesTheObject() {
        FaultInjectingProxy.Rule fault = proxy.on("PUT", "/" + bucket + "/" + FINDINGS).times(2).respond(slowDown());
        ScanReport report = SinkFixtures.report("run-1", STARTED, SinkFixtures.ruleFindings("aws-run1.jsonl"));

        try (S3ReportSink sink = S3ReportSink.builder().s3(viaProxy).bucket(bucket).build()) {
            sink.publish(report);
        }

        assertThat(fault.applied()).isEqualTo(2);
        assertThat(proxy.requests("PUT", "/" + bucket + "/" + FINDINGS)).hasSize(3);
        assertThat(S3Objects.lines(direct, bucket, FINDINGS)).hasSize(report.findings().size());
    }

    @Test
    void publish_slowDownOnEveryAttempt_failsNamingTheObjectStatusCodeAndAttempts() {
        proxy.on("PUT", "/" + bucket + "/" + FINDINGS).respond(slowDown());
        ScanReport report = SinkFixtures.report("run-1", STARTED, SinkFixtures.ruleFindings("aws-run1.jsonl"));

        try (S3ReportSink sink = S3ReportSink.builder().s3(viaProxy).bucket(bucket)
                .retryStrategy(SinkRetry.standard(4)).build()) {
            assertThatThrownBy(() -> sink.publish(report)).isInstanceOf(SinkException.class)
                    .hasMessageContaining("s3://" + bucket + "/" + FINDINGS)
                    .hasMessageContaining("HTTP 503 SlowDown")
                    .hasMessageContaining("request id 4442587FB7D0A2F9")
                    .hasMessageContaining("after 4 attempts");
        }

        assertThat(proxy.requests("PUT", "/" + bucket + "/" + FINDINGS)).hasSize(4);
        assertThat(S3Objects.keys(direct, bucket)).isEmpty();
    }

    @Test
    void publish_conditionalRequestConflictOnce_retriesTheConditionalWrite() {
        proxy.on("PUT", "/" + bucket + "/" + FINDINGS).times(1).respond(Response.of(409, "application/xml",
                SinkFixtures.resource("faults/s3-conditional-request-conflict.xml")));
        ScanReport report = SinkFixtures.report("run-1", STARTED, SinkFixtures.ruleFindings("aws-run1.jsonl"));

        try (S3ReportSink sink = S3ReportSink.builder().s3(viaProxy).bucket(bucket).build()) {
            sink.publish(report);
        }

        assertThat(proxy.requests("PUT", "/" + bucket + "/" + FINDINGS)).hasSize(2)
                .allSatisfy(r -> assertThat(r.header("If-None-Match")).isEqualTo("*"));
        assertThat(S3Objects.keys(direct, bucket)).contains(FINDINGS);
    }

    @Test
    void publish_clientBuiltWithoutRetries_stillRetriesWithTheSinksStrategy() {
        proxy.on("PUT", "/" + bucket + "/" + FINDINGS).times(2).respond(slowDown());
        ScanReport report = SinkFixtures.report("run-1", STARTED, SinkFixtures.ruleFindings("aws-run1.jsonl"));
        try (S3Client noRetries = S3Client.builder().endpointOverride(proxy.endpoint()).region(Moto.REGION)
                .credentialsProvider(Moto.credentials()).forcePathStyle(true)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
                S3ReportSink sink = S3ReportSink.builder().s3(noRetries).bucket(bucket).build()) {
            sink.publish(report);
        }

        assertThat(S3Objects.keys(direct, bucket)).contains(FINDINGS);
    }
}
