package io.scalewatch.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.scalewatch.aws.FaultInjectingProxy.Response;
import io.scalewatch.aws.checkpoint.S3CheckpointStore;
import io.scalewatch.aws.sink.S3ReportSink;
import io.scalewatch.aws.sink.SecurityHubSink;
import io.scalewatch.core.checkpoint.Checkpoint;
import io.scalewatch.core.checkpoint.CheckpointKey;
import io.scalewatch.core.event.CloudProvider;
import io.scalewatch.core.normalize.QuarantineKind;
import io.scalewatch.core.normalize.QuarantinedRecord;
import io.scalewatch.core.report.Finding;
import io.scalewatch.core.report.ScanReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;

/**
 * The emulator's fake keys sign every call of a publish and a checkpoint, and of failing ones whose error bodies
 * echo the access key (as S3's SignatureDoesNotMatch does); neither key may reach an object, a Security Hub
 * finding, an exception message or stack trace, or a log line.
 */
class CredentialsInOutputsFunctionalTest {
    private static final Instant STARTED = Instant.parse("2026-11-24T16:00:00Z");
    private static final List<String> KEYS = List.of(Moto.ACCESS_KEY, Moto.SECRET_KEY);

    private final List<String> logLines = new ArrayList<>();
    private final Handler capture = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            synchronized (logLines) {
                logLines.add(formatter.format(record));
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private FaultInjectingProxy proxy;
    private S3Client s3;
    private SecurityHubClient securityHub;
    private String bucket;

    @BeforeEach
    void setUp() {
        Logger.getLogger("").addHandler(capture);
        proxy = FaultInjectingProxy.start(Moto.endpoint());
        s3 = Moto.s3(proxy.endpoint());
        securityHub = Moto.securityHub(proxy.endpoint());
        bucket = S3Objects.newBucket(s3);
    }

    @AfterEach
    void tearDown() {
        Logger.getLogger("").removeHandler(capture);
        s3.close();
        securityHub.close();
        proxy.close();
    }

    @Test
    void publishAndCheckpoint_withTheFakeKeys_writeNeitherKeyAnywhere() {
        String role = SinkFixtures.uniqueRole("castai-eks");
        ScanReport report = SinkFixtures.report("run-1", STARTED, SinkFixtures.ruleFindings("aws-run1.jsonl"), role);
        CheckpointKey key = new CheckpointKey(CloudProvider.AWS, SinkFixtures.ACCOUNT, "us-east-1", role);
        S3CheckpointStore store = S3CheckpointStore.builder().s3(s3).bucket(bucket).build();

        try (S3ReportSink sink = S3ReportSink.builder().s3(s3).bucket(bucket).build()) {
            sink.accept(new QuarantinedRecord("trail.json.gz", 3, CloudProvider.AWS, QuarantineKind.MALFORMED_JSON,
                    "not JSON", "{\"eventName\":", false));
            sink.publish(report);
        }
        SecurityHubSink.builder().securityHub(securityHub).account(Moto.ACCOUNT).region("us-east-1").build()
                .publish(report);
        store.advance(new Checkpoint(key, STARTED, "run-1", STARTED), Optional.empty());

        assertThat(proxy.requests()).as("the keys did sign the calls")
                .anySatisfy(r -> assertThat(r.header("Authorization")).contains(Moto.ACCESS_KEY));
        List<String> objects = S3Objects.keys(s3, bucket);
        // findings, OCSF findings, quarantine, summary, usage, report.html, latest.json, checkpoint
        assertThat(objects).hasSize(8);
        for (String object : objects) {
            assertThat(S3Objects.text(s3, bucket, object)).as(object).doesNotContain(KEYS);
        }
        Set<String> ids = report.findings().stream().map(Finding::id).collect(Collectors.toSet());
        List<AwsSecurityFinding> imported = securityHub.getFindingsPaginator(b -> b.maxResults(100)).findings()
                .stream().filter(f -> ids.contains(f.id())).toList();
        assertThat(imported).hasSize(7).allSatisfy(f -> assertThat(f.toString()).doesNotContain(KEYS));
        assertThat(logLines).isNotEmpty().allSatisfy(line -> assertThat(line).doesNotContain(KEYS));
    }

    @Test
    void failingPublishAndCheckpoint_errorsEchoingTheAccessKey_neverCarryEitherKey() {
        String signatureError = SinkFixtures.resource("faults/s3-signature-does-not-match.xml");
        assertThat(signatureError).as("the fixture echoes the key, as S3 does").contains(Moto.ACCESS_KEY);
        proxy.on("PUT", "/" + bucket + "/.*").respond(Response.of(403, "application/xml", signatureError));
        proxy.on("POST", "/findings/import").respond(Response.of(401, "application/json",
                SinkFixtures.resource("faults/securityhub-invalid-access.json"),
                "x-amzn-ErrorType", "InvalidAccessException"));
        String role = SinkFixtures.uniqueRole("castai-eks");
        ScanReport report = SinkFixtures.report("run-1", STARTED, SinkFixtures.ruleFindings("aws-run1.jsonl"), role);
        S3CheckpointStore store = S3CheckpointStore.builder().s3(s3).bucket(bucket).build();
        CheckpointKey key = new CheckpointKey(CloudProvider.AWS, SinkFixtures.ACCOUNT, "us-east-1", role);

        List<Throwable> errors = new ArrayList<>();
        try (S3ReportSink sink = S3ReportSink.builder().s3(s3).bucket(bucket).build()) {
            errors.add(catchThrowable(() -> sink.publish(report)));
        }
        errors.add(catchThrowable(() -> SecurityHubSink.builder().securityHub(securityHub).account(Moto.ACCOUNT)
                .region("us-east-1").build().publish(report)));
        errors.add(catchThrowable(() -> store.advance(new Checkpoint(key, STARTED, "run-1", STARTED),
                Optional.empty())));

        assertThat(errors).doesNotContainNull().hasSize(3);
        for (Throwable error : errors) {
            StringWriter trace = new StringWriter();
            error.printStackTrace(new PrintWriter(trace));
            assertThat(trace.toString()).as(error.getClass().getSimpleName()).doesNotContain(KEYS)
                    .containsAnyOf("SignatureDoesNotMatch", "InvalidAccessException");
        }
        try (S3Client direct = Moto.s3()) {
            assertThat(S3Objects.keys(direct, bucket)).isEmpty();
        }
        assertThat(logLines).allSatisfy(line -> assertThat(line).doesNotContain(KEYS));
    }
}
