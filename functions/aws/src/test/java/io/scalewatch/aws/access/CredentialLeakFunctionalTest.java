package io.scalewatch.aws.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalewatch.aws.Moto;
import io.scalewatch.aws.collect.CloudTrailApiServer;
import io.scalewatch.aws.collect.CloudTrailLookupCollector;
import io.scalewatch.aws.collect.CloudTrailS3Collector;
import io.scalewatch.aws.collect.DemoTrail;
import io.scalewatch.aws.collect.MotoForwardingProxy;
import io.scalewatch.aws.collect.RateLimiter;
import io.scalewatch.aws.collect.RecordingSink;
import io.scalewatch.aws.posture.IamPostureCollector;
import io.scalewatch.core.checkpoint.ScanWindow;
import io.scalewatch.core.identity.IdentityMatcher;
import io.scalewatch.core.run.Deadline;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Runs access, collectors and posture with failures whose AWS error messages echo the caller's credentials
 * (as S3's SignatureDoesNotMatch does), captures every log record, everything printed, every exception and
 * every value the code returns, and greps it all for the fake keys, the session's keys and its token.
 */
class CredentialLeakFunctionalTest {
    private final List<String> captured = new ArrayList<>();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final SimpleFormatter formatter = new SimpleFormatter();
    private PrintStream originalOut;
    private PrintStream originalErr;
    private Handler handler;

    @BeforeEach
    void capture() {
        handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                synchronized (captured) {
                    captured.add(formatter.format(record));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        handler.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(handler);
        originalOut = System.out;
        originalErr = System.err;
        PrintStream tee = new PrintStream(printed, true, StandardCharsets.UTF_8);
        System.setOut(tee);
        System.setErr(tee);
    }

    @AfterEach
    void release() {
        System.setOut(originalOut);
        System.setErr(originalErr);
        Logger.getLogger("").removeHandler(handler);
    }

    private void keep(Object value) {
        synchronized (captured) {
            captured.add(String.valueOf(value));
        }
    }

    private void keepThrown(Supplier<?> action) {
        try {
            keep(action.get());
        } catch (RuntimeException e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            keep(trace);
        }
    }

    @Test
    void everything_captured_containsNoCredential() {
        // an account of its own, so a second run against the same emulator starts clean
        String account = String.format("%012d", ThreadLocalRandom.current()
                .nextLong(100_000_000_000L, 999_999_999_999L));
        try (MotoForwardingProxy proxy = MotoForwardingProxy.to(Moto.endpoint());
                CloudTrailApiServer cloudTrailApi = CloudTrailApiServer.start();
                StsClient sts = StsClient.builder().endpointOverride(proxy.endpoint()).region(Region.US_EAST_1)
                        .credentialsProvider(Moto.credentials()).build();
                AwsClients viaProxy = AwsClients.builder().endpointOverride(proxy.endpoint()).s3MaxAttempts(2)
                        .throttlingBaseDelay(Duration.ofMillis(5)).build()) {
            AccountAccess access = AccountAccess.builder().sts(sts).roleName("scalewatch-read")
                    .externalId("6d1c8a2e-5b7f-4c3e-9a0d-2f4e6b8c1a3d").runId("leak-test").clients(viaProxy).build();
            keep(access);

            // STS refuses once, quoting the caller's key id and its signing line (AWS never returns a secret key;
            // the fake one is not base64-shaped, so only our own code could leak it)
            proxy.fail(r -> r.bodyText().contains("Action=AssumeRole"), 1, 403, "text/xml",
                    "<ErrorResponse><Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code><Message>Signature"
                            + " for " + Moto.ACCESS_KEY + " does not match; Authorization: AWS4-HMAC-SHA256 Credential="
                            + Moto.ACCESS_KEY + "/20261124/us-east-1/sts/aws4_request</Message></Error>"
                            + "<RequestId>1</RequestId></ErrorResponse>");
            keepThrown(() -> access.assume(account));

            AccountSession session = access.assume(account);
            keep(session);
            AwsSessionCredentials credentials = (AwsSessionCredentials) session.credentials().resolveCredentials();
            List<String> secrets = List.of(Moto.ACCESS_KEY, Moto.SECRET_KEY, credentials.accessKeyId(),
                    credentials.secretAccessKey(), credentials.sessionToken());

            // LookupEvents: one success, then an error echoing the Authorization header and the token
            cloudTrailApi.addRecords(DemoTrail.records(DemoTrail.US_EAST_1_INCIDENTS));
            try (CloudTrailClient cloudTrail = AwsClients.builder().endpointOverride(cloudTrailApi.endpoint()).build()
                    .cloudTrail(Region.US_EAST_1, session.credentials())) {
                ScanWindow window = new ScanWindow(Instant.parse("2026-11-24T00:00:00Z"),
                        Instant.parse("2026-11-25T00:00:00Z"));
                CloudTrailLookupCollector ok = lookup(cloudTrail, window);
                RecordingSink sink = new RecordingSink();
                keep(ok.read(sink));
                keep(ok.report());
                assertThat(sink.events()).isNotEmpty();
                keep(sink.events());
                keep(sink.quarantined());
                cloudTrailApi.onRequest(r -> cloudTrailApi.failNext("LookupEvents", 400, "InvalidSignatureException",
                        "The request signature we calculated does not match. " + r.headers().get("Authorization")
                                + " X-Amz-Security-Token: " + r.headers().get("X-amz-security-token")
                                + " key " + credentials.accessKeyId() + " secret " + credentials.secretAccessKey()));
                CloudTrailLookupCollector failing = lookup(cloudTrail, window);
                keepThrown(() -> failing.read(new RecordingSink()));
                keep(failing.report());
            }

            // S3 listing refused with S3's SignatureDoesNotMatch body, which names the access key id
            String bucket = "scalewatch-leak-" + System.nanoTime();
            session.s3(Region.US_EAST_1).createBucket(b -> b.bucket(bucket));
            proxy.fail(r -> r.pathAndQuery().contains("list-type"), 10, 403, "application/xml",
                    "<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not"
                            + " match the signature you provided. Check your key " + credentials.accessKeyId()
                            + " and signing method.</Message><AWSAccessKeyId>" + credentials.accessKeyId()
                            + "</AWSAccessKeyId><StringToSign>AWS4-HMAC-SHA256\n20261124T000000Z</StringToSign>"
                            + "<SignatureProvided>abc</SignatureProvided></Error>");
            S3Client s3 = session.s3(Region.US_EAST_1);
            CloudTrailS3Collector trail = CloudTrailS3Collector.builder().s3(s3).bucket(bucket).account(account)
                    .region("us-east-1").identity(IdentityMatcher.parse(DemoTrail.ROLE))
                    .window(new ScanWindow(Instant.parse("2026-11-24T00:00:00Z"),
                            Instant.parse("2026-11-24T01:00:00Z")))
                    .deadline(Deadline.none()).runId("leak-test").build();
            keepThrown(() -> trail.read(new RecordingSink()));

            // IAM posture: one that works, one whose role is missing
            session.iam().createRole(b -> b.roleName("castai-eks").assumeRolePolicyDocument(
                    DemoTrail.resource("iam/castai-trust.json")));
            IamPostureCollector posture = IamPostureCollector.builder().iam(session.iam()).account(account)
                    .runId("leak-test").build();
            keepThrown(() -> posture.collect("arn:aws:iam::" + account + ":role/castai-eks"));
            keepThrown(() -> posture.collect("arn:aws:iam::" + account + ":role/missing"));
            session.close();

            System.out.flush();
            String all;
            synchronized (captured) {
                all = String.join("\n", captured) + "\n" + printed.toString(StandardCharsets.UTF_8);
            }
            // the capture holds the failures (so the grep below can fail) ...
            assertThat(all).contains("SignatureDoesNotMatch", "InvalidSignatureException", "event=assumed",
                    "event=collect_failed", "does not exist in account " + account, "<access-key-id>");
            // ... and none of the credentials
            for (String secret : secrets) {
                assertThat(all).as("captured output").doesNotContain(secret);
            }
        }
    }

    private static CloudTrailLookupCollector lookup(CloudTrailClient cloudTrail, ScanWindow window) {
        return CloudTrailLookupCollector.builder().cloudTrail(cloudTrail).account("111122223333").region("us-east-1")
                .identity(IdentityMatcher.parse(DemoTrail.ROLE)).window(window).deadline(Deadline.none())
                .rateLimiter(RateLimiter.create(1000, 10, Clock.systemUTC(), d -> { }))
                .runId("leak-test").build();
    }
}
