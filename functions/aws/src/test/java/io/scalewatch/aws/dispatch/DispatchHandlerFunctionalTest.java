package io.scalewatch.aws.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalewatch.aws.Moto;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The dispatcher as Lambda invokes it: the schedule's input in, the result map out, against moto. */
class DispatchHandlerFunctionalTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T22:00:05Z"), ZoneOffset.UTC);
    private static final String REQUEST_ID = "7c1e2f3a-9b8c-4d5e-8f70-123456789abc";

    /** A Lambda context with a request id; nothing else is read. */
    private static final Context CONTEXT = new Context() {
        @Override
        public String getAwsRequestId() {
            return REQUEST_ID;
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/scalewatch-dispatch";
        }

        @Override
        public String getLogStreamName() {
            return "2026/11/25/[$LATEST]0123456789abcdef";
        }

        @Override
        public String getFunctionName() {
            return "scalewatch-dispatch";
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:us-east-1:123456789012:function:scalewatch-dispatch";
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return 300_000;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 512;
        }

        @Override
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override
                public void log(String message) {
                    System.err.println(message);
                }

                @Override
                public void log(byte[] message) {
                    System.err.println(new String(message, StandardCharsets.UTF_8));
                }
            };
        }
    };

    @SuppressWarnings("unchecked")
    private static Map<String, Object> event(String name) {
        try (InputStream in = DispatchHandlerFunctionalTest.class.getResourceAsStream("/dispatch/" + name)) {
            return new ObjectMapper().readValue(in, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void handleRequest_eventBridgeRuleEvent_enqueuesAndAnswersWithTheResultMap() {
        StaticCredentialsProvider credentials = DispatchFixtures.freshAccount();
        try (SqsClient sqs = DispatchFixtures.sqs(credentials, Moto.endpoint());
                OrganizationsClient organizations = DispatchFixtures.organizations(credentials)) {
            DispatchFixtures.Queues azure = DispatchFixtures.queues(sqs, 3, 30);
            DispatchHandler handler = new DispatchHandler(Map.of(DispatchEnvironment.AWS_REGION, "us-east-1",
                    DispatchEnvironment.AZURE_QUEUE_URL, azure.url()),
                    Dispatcher.builder().organizations(organizations).sqs(sqs).build(), CLOCK);

            Map<String, Object> result = handler.handleRequest(event("eventbridge-rule-event.json"), CONTEXT);

            assertThat(result).containsEntry("dispatchRunId", "20261125T220005Z-7c1e2f3a")
                    .containsEntry("status", "done").containsEntry("sent", 1).containsEntry("error", null)
                    .containsEntry("targets", Map.of("aws", 0, "gcp", 0, "azure", 1))
                    .containsEntry("skipped", List.of()).containsEntry("unsent", List.of());
            assertThat(DispatchFixtures.drain(sqs, azure.url())).singleElement().satisfies(m -> assertThat(
                    m.messageAttributes().get("scalewatch.dispatchRunId").stringValue())
                    .isEqualTo("20261125T220005Z-7c1e2f3a"));
        }
    }

    @Test
    void handleRequest_invalidConfig_answersInvalidConfigAndSendsNothing() {
        StaticCredentialsProvider credentials = DispatchFixtures.freshAccount();
        try (SqsClient sqs = DispatchFixtures.sqs(credentials, Moto.endpoint());
                OrganizationsClient organizations = DispatchFixtures.organizations(credentials)) {
            DispatchHandler handler = new DispatchHandler(Map.of(DispatchEnvironment.AWS_REGION, "us-east-1"),
                    Dispatcher.builder().organizations(organizations).sqs(sqs).build(), CLOCK);

            Map<String, Object> result = handler.handleRequest(event("scheduler-input.json"), CONTEXT);

            assertThat(result).containsEntry("status", "invalid_config").containsEntry("sent", 0);
            assertThat(result.get("error").toString()).startsWith("no queue to dispatch to");
        }
    }

    @Test
    void organizationsRegion_partitionsGlobalEndpoint() {
        assertThat(DispatchHandler.organizationsRegion("eu-west-1")).isEqualTo(Region.AWS_GLOBAL);
        assertThat(DispatchHandler.organizationsRegion("cn-north-1")).isEqualTo(Region.AWS_CN_GLOBAL);
        assertThat(DispatchHandler.organizationsRegion("us-gov-west-1")).isEqualTo(Region.AWS_US_GOV_GLOBAL);
    }
}
