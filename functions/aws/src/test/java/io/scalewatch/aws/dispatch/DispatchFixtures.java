package io.scalewatch.aws.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalewatch.aws.Moto;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/** Organizations, queues and clients of the dispatcher's tests, in moto, each in an account of its own. */
final class DispatchFixtures {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DispatchFixtures() {}

    /** A management account no other test uses: its organization and queues hold only this test's data. */
    static StaticCredentialsProvider freshAccount() {
        String account = String.format("%012d",
                ThreadLocalRandom.current().nextLong(200_000_000_000L, 999_999_999_999L));
        try (StsClient sts = StsClient.builder().endpointOverride(Moto.endpoint()).region(Moto.REGION)
                .credentialsProvider(Moto.credentials()).httpClient(UrlConnectionHttpClient.create()).build()) {
            Credentials c = sts.assumeRole(b -> b.roleArn("arn:aws:iam::" + account + ":role/scalewatch-dispatch")
                    .roleSessionName("scalewatch-test")).credentials();
            return StaticCredentialsProvider.create(
                    AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()));
        }
    }

    static OrganizationsClient organizations(StaticCredentialsProvider credentials) {
        return organizations(credentials, Moto.endpoint());
    }

    static OrganizationsClient organizations(StaticCredentialsProvider credentials, URI endpoint) {
        return OrganizationsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
    }

    static SqsClient sqs(StaticCredentialsProvider credentials, URI endpoint) {
        return SqsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** Creates the organization and {@code members} member accounts; returns the member ids in creation order. */
    static List<String> organization(OrganizationsClient organizations, int members) {
        organizations.createOrganization(b -> b.featureSet("ALL"));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            String name = "member-" + i;
            ids.add(organizations.createAccount(b -> b.accountName(name).email(name + "@example.com"))
                    .createAccountStatus().accountId());
        }
        return ids;
    }

    /** The organization's root id. */
    static String root(OrganizationsClient organizations) {
        return organizations.listRoots(b -> {}).roots().get(0).id();
    }

    /** A queue and its dead-letter queue ({@code maxReceiveCount}, visibility timeout in seconds). */
    record Queues(String url, String arn, String dlqUrl) {}

    static Queues queues(SqsClient sqs, int maxReceiveCount, int visibilitySeconds) {
        String name = "scalewatch-targets-" + UUID.randomUUID().toString().substring(0, 8);
        String dlqUrl = sqs.createQueue(b -> b.queueName(name + "-dlq")).queueUrl();
        String dlqArn = arn(sqs, dlqUrl);
        String redrive = "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + maxReceiveCount + "\"}";
        String url = sqs.createQueue(b -> b.queueName(name).attributes(Map.of(
                QueueAttributeName.REDRIVE_POLICY, redrive,
                QueueAttributeName.VISIBILITY_TIMEOUT, String.valueOf(visibilitySeconds)))).queueUrl();
        return new Queues(url, arn(sqs, url), dlqUrl);
    }

    static String arn(SqsClient sqs, String url) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    /** Receives and deletes every message of the queue. */
    static List<Message> drain(SqsClient sqs, String url) {
        List<Message> all = new ArrayList<>();
        while (true) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0)
                    .messageAttributeNames("All").messageSystemAttributeNamesWithStrings("All")).messages();
            if (batch.isEmpty()) {
                return all;
            }
            all.addAll(batch);
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                entries.add(DeleteMessageBatchRequestEntry.builder().id(String.valueOf(i))
                        .receiptHandle(batch.get(i).receiptHandle()).build());
            }
            sqs.deleteMessageBatch(b -> b.queueUrl(url).entries(entries));
        }
    }

    /** Messages waiting plus in flight. */
    static int depth(SqsClient sqs, String url) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The message's target attribute. */
    static String target(Message message) {
        return message.messageAttributes().get("scalewatch.target").stringValue();
    }
}
