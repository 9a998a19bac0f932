package io.scalewatch.aws.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalewatch.aws.Moto;
import io.scalewatch.core.event.AuditEvent;
import io.scalewatch.core.identity.IdentityMatcher;
import io.scalewatch.core.normalize.AuditLogReader;
import io.scalewatch.core.normalize.QuarantinedRecord;
import io.scalewatch.core.normalize.RecordSink;
import io.scalewatch.core.policy.PolicyEngine;
import io.scalewatch.core.policy.PolicyResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/** Events, accounts, credentials and the demo trail for the handler's tests. */
public final class LambdaFixtures {
    static final String ROLE = "arn:aws:iam::111122223333:role/castai-eks-demo";
    static final String DEMO_ACCOUNT = "111122223333";
    static final String EXTERNAL_ID = "scalewatch-test-external-id-7f3a";
    private static final ObjectMapper JSON = new ObjectMapper();

    private LambdaFixtures() {}

    /** A scheduler event from src/test/resources/lambda, as Lambda hands it over. */
    static Map<String, Object> event(String name) {
        try (InputStream in = LambdaFixtures.class.getResourceAsStream("/lambda/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource lambda/" + name);
            }
            return LocalInvoke.toMap(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A test resource as text. */
    static String resource(String name) {
        try (InputStream in = LambdaFixtures.class.getResourceAsStream("/lambda/" + name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An account no other test uses, so its Security Hub and buckets hold only this test's data. */
    public static String freshAccount() {
        return String.format("%012d", ThreadLocalRandom.current().nextLong(200_000_000_000L, 999_999_999_999L));
    }

    /** Credentials the emulator files under {@code account}: a session of a role assumed there. */
    public static Credentials credentialsOf(String account) {
        try (StsClient sts = StsClient.builder().endpointOverride(Moto.endpoint()).region(Moto.REGION)
                .credentialsProvider(Moto.credentials()).httpClient(UrlConnectionHttpClient.create()).build()) {
            return sts.assumeRole(b -> b.roleArn("arn:aws:iam::" + account + ":role/scalewatch-function")
                    .roleSessionName("scalewatch-test")).credentials();
        }
    }

    public static StaticCredentialsProvider provider(Credentials credentials) {
        return StaticCredentialsProvider.create(AwsSessionCredentials.create(credentials.accessKeyId(),
                credentials.secretAccessKey(), credentials.sessionToken()));
    }

    /** The checkout's root (the Maven build sets {@code scalewatch.root}). */
    public static Path root() {
        String root = System.getProperty("scalewatch.root", "");
        if (root.isBlank()) {
            throw new AssertionError("system property scalewatch.root is not set (the Maven build sets it)");
        }
        return Path.of(root);
    }

    /** The demo folder of the checkout (functions/cli/src/main/resources/demo). */
    static Path demo() {
        return root().resolve(Path.of("functions", "cli", "src", "main", "resources", "demo"));
    }

    /**
     * The ids of the demo events of the watched role in one region of the demo account, dated in
     * {@code [from, to)}: what a scan of that window must evaluate, no more and no less.
     */
    static Set<String> roleEventIds(String region, Instant from, Instant to) {
        IdentityMatcher role = IdentityMatcher.parse(ROLE);
        Set<String> ids = new HashSet<>();
        RecordSink sink = new RecordSink() {
            @Override
            public void event(AuditEvent event) {
                if (role.matches(event) && !event.time().isBefore(from) && event.time().isBefore(to)) {
                    ids.add(event.metadata().uid());
                }
            }

            @Override
            public void quarantined(QuarantinedRecord record) {
                throw new AssertionError("the demo trail must normalize: " + record.reason());
            }
        };
        try (DirectoryStream<Path> files = Files.newDirectoryStream(demo().resolve("aws"),
                DEMO_ACCOUNT + "_CloudTrail_" + region + "_*.json.gz")) {
            for (Path file : files) {
                AuditLogReader.create().read(file, sink);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ids;
    }

    /** Wraps the real engine and keeps the id of every event it evaluated. */
    public static final class RecordingEngine implements PolicyEngine {
        private final PolicyEngine delegate;
        private final Set<String> evaluated = new HashSet<>();
        private final List<JsonNode> windowBaselines = new ArrayList<>();

        public RecordingEngine(PolicyEngine delegate) {
            this.delegate = delegate;
        }

        @Override
        public PolicyResult evaluate(String inputJson) {
            try {
                JsonNode input = JSON.readTree(inputJson);
                for (var event : input.path("events")) {
                    synchronized (evaluated) {
                        evaluated.add(event.path("metadata").path("uid").asText());
                    }
                }
                if (!input.has("events")) {
                    synchronized (windowBaselines) {
                        windowBaselines.add(input.path("baseline"));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return delegate.evaluate(inputJson);
        }

        @Override
        public JsonNode usage(String inputJson) {
            return delegate.usage(inputJson);
        }

        /** The input.baseline of every window pass, in order. */
        public List<JsonNode> windowBaselines() {
            synchronized (windowBaselines) {
                return List.copyOf(windowBaselines);
            }
        }

        public Set<String> evaluated() {
            synchronized (evaluated) {
                return Set.copyOf(evaluated);
            }
        }
    }
}
