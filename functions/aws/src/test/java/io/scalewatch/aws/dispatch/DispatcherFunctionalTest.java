package io.scalewatch.aws.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scalewatch.aws.FaultInjectingProxy;
import io.scalewatch.aws.Moto;
import io.scalewatch.core.event.CloudProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The dispatcher against moto: which accounts of an organization become targets (suspended, excluded, OUs),
 * fixed lists and the other clouds, and how partial SendMessageBatch failures are retried and reported (a
 * {@link FaultInjectingProxy} in front of moto rewrites SQS's JSON answers; moto never fails an entry itself).
 */
class DispatcherFunctionalTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RUN_ID = "20261125T221500Z-dispatch";
    private static final String GCP_PROJECT = "castai-prod-eu";
    private static final String AZURE_WORKSPACE = "0b1f6471-1bf0-4dda-aec3-cb9272f09590";
    private static StaticCredentialsProvider credentials;
    private static OrganizationsClient organizations;
    private static SqsClient sqs;
    private static String management;
    private static List<String> members;
    private static String sandboxOu;
    private static String labOu;

    /**
     * An organization of 13: the management account and 12 members; members 0 and 1 closed (SUSPENDED), 2 and 3 in
     * OU sandbox, 4 in OU sandbox/lab.
     */
    @BeforeAll
    static void organization() {
        credentials = DispatchFixtures.freshAccount();
        organizations = DispatchFixtures.organizations(credentials);
        sqs = DispatchFixtures.sqs(credentials, Moto.endpoint());
        members = DispatchFixtures.organization(organizations, 12);
        management = organizations.describeOrganization().organization().masterAccountId();
        String root = DispatchFixtures.root(organizations);
        sandboxOu = organizations.createOrganizationalUnit(b -> b.parentId(root).name("sandbox"))
                .organizationalUnit().id();
        labOu = organizations.createOrganizationalUnit(b -> b.parentId(sandboxOu).name("lab")).organizationalUnit()
                .id();
        organizations.closeAccount(b -> b.accountId(members.get(0)));
        organizations.closeAccount(b -> b.accountId(members.get(1)));
        for (int i : new int[] {2, 3}) {
            organizations.moveAccount(b -> b.accountId(members.get(i)).sourceParentId(root)
                    .destinationParentId(sandboxOu));
        }
        organizations.moveAccount(b -> b.accountId(members.get(4)).sourceParentId(root).destinationParentId(labOu));
    }

    @AfterAll
    static void close() {
        organizations.close();
        sqs.close();
    }

    private static Dispatcher dispatcher(OrganizationsClient orgs, SqsClient client) {
        return Dispatcher.builder().organizations(orgs).sqs(client).sleeper(d -> {}).build();
    }

    private static Set<String> targets(List<Message> messages) {
        return messages.stream().map(DispatchFixtures::target).collect(Collectors.toSet());
    }

    private static Set<String> aws(List<String> accounts, String... regions) {
        Set<String> out = new HashSet<>();
        accounts.forEach(a -> List.of(regions).forEach(r -> out.add("aws:" + a + ":" + r)));
        return out;
    }

    @Test
    void dispatch_suspendedExcludedAndExcludedOuAccounts_skippedWithTheirReason() {
        DispatchFixtures.Queues queues = DispatchFixtures.queues(sqs, 3, 30);
        DispatchConfig config = DispatchConfig.load(Map.of(DispatchEnvironment.AWS_QUEUE_URL, queues.url(),
                DispatchEnvironment.REGIONS, "eu-west-1,eu-central-1", DispatchEnvironment.EXCLUDE_OUS, sandboxOu,
                DispatchEnvironment.EXCLUDE_ACCOUNTS, members.get(5)), Map.of());

        DispatchResult result = dispatcher(organizations, sqs).dispatch(config, RUN_ID);

        List<String> scanned = new ArrayList<>(members.subList(6, 12));
        scanned.add(management);
        assertThat(result.status()).isEqualTo(DispatchResult.Status.DONE);
        assertThat(result.sent()).isEqualTo(14);
        assertThat(targets(DispatchFixtures.drain(sqs, queues.url())))
                .isEqualTo(aws(scanned, "eu-west-1", "eu-central-1"));
        assertThat(result.skipped()).containsExactlyInAnyOrder(
                new AccountSelection.Skipped(members.get(0), "state SUSPENDED"),
                new AccountSelection.Skipped(members.get(1), "state SUSPENDED"),
                new AccountSelection.Skipped(members.get(2), "under excluded OU " + sandboxOu),
                new AccountSelection.Skipped(members.get(3), "under excluded OU " + sandboxOu),
                new AccountSelection.Skipped(members.get(4), "under excluded OU " + sandboxOu),
                new AccountSelection.Skipped(members.get(5), "excluded"));
    }

    @Test
    void dispatch_includeOu_onlyItsAccountsNestedOusIncluded() {
        DispatchFixtures.Queues queues = DispatchFixtures.queues(sqs, 3, 30);
        DispatchConfig config = DispatchConfig.load(Map.of(DispatchEnvironment.AWS_QUEUE_URL, queues.url(),
                DispatchEnvironment.REGIONS, "eu-west-1"), Map.of("includeOus", List.of(sandboxOu)));

        DispatchResult result = dispatcher(organizations, sqs).dispatch(config, RUN_ID);

        assertThat(result.status()).isEqualTo(DispatchResult.Status.DONE);
        assertThat(targets(DispatchFixtures.drain(sqs, queues.url())))
                .isEqualTo(aws(members.subList(2, 5), "eu-west-1"));
        assertThat(result.skipped()).isEmpty();
    }

    @Test
    void dispatch_fixedAccountsGcpAndAzure_oneOverridePerTargetWithoutAskingOrganizations() {
        StaticCredentialsProvider lone = DispatchFixtures.freshAccount(); // not in any organization
        try (SqsClient client = DispatchFixtures.sqs(lone, Moto.endpoint());
                OrganizationsClient none = DispatchFixtures.organizations(lone)) {
            DispatchFixtures.Queues aws = DispatchFixtures.queues(client, 3, 30);
            DispatchFixtures.Queues gcp = DispatchFixtures.queues(client, 3, 30);
            DispatchFixtures.Queues azure = DispatchFixtures.queues(client, 3, 30);
            DispatchConfig config = DispatchConfig.load(Map.of(DispatchEnvironment.AWS_QUEUE_URL, aws.url(),
                    DispatchEnvironment.GCP_QUEUE_URL, gcp.url(), DispatchEnvironment.AZURE_QUEUE_URL, azure.url(),
                    DispatchEnvironment.ACCOUNTS, "111122223333,444455556666",
                    DispatchEnvironment.REGIONS, "us-east-1", DispatchEnvironment.GCP_PROJECTS, GCP_PROJECT,
                    DispatchEnvironment.AZURE_WORKSPACES, AZURE_WORKSPACE), Map.of());

            DispatchResult result = dispatcher(none, client).dispatch(config, RUN_ID);

            assertThat(result.status()).isEqualTo(DispatchResult.Status.DONE);
            assertThat(result.targets()).isEqualTo(Map.of(CloudProvider.AWS, 2, CloudProvider.GCP, 1,
                    CloudProvider.AZURE, 1));
            assertThat(DispatchFixtures.drain(client, aws.url())).extracting(Message::body).containsExactlyInAnyOrder(
                    "{\"accounts\":[\"111122223333\"],\"regions\":[\"us-east-1\"]}",
                    "{\"accounts\":[\"444455556666\"],\"regions\":[\"us-east-1\"]}");
            assertThat(DispatchFixtures.drain(client, gcp.url())).singleElement().satisfies(m -> {
                assertThat(m.body()).isEqualTo("{\"projects\":[\"" + GCP_PROJECT + "\"]}");
                assertThat(DispatchFixtures.target(m)).isEqualTo("gcp:" + GCP_PROJECT);
            });
            assertThat(DispatchFixtures.drain(client, azure.url())).singleElement().satisfies(m -> {
                assertThat(m.body()).isEqualTo("{\"workspaces\":[\"" + AZURE_WORKSPACE + "\"]}");
                assertThat(DispatchFixtures.target(m)).isEqualTo("azure:" + AZURE_WORKSPACE);
            });
        }
    }

    @Test
    void dispatch_notAnOrganization_failsWithOrganizationsErrorAndStillSendsTheOtherClouds() {
        StaticCredentialsProvider lone = DispatchFixtures.freshAccount();
        try (FaultInjectingProxy proxy = FaultInjectingProxy.start(Moto.endpoint());
                SqsClient client = DispatchFixtures.sqs(lone, Moto.endpoint());
                OrganizationsClient none = DispatchFixtures.organizations(lone, proxy.endpoint())) {
            // moto lists no accounts outside an organization; AWS answers with this error
            proxy.on("POST", "/.*").header("X-Amz-Target", "AWSOrganizationsV20161128.ListAccounts")
                    .respond(FaultInjectingProxy.Response.of(400, "application/x-amz-json-1.1",
                            "{\"__type\":\"AWSOrganizationsNotInUseException\",\"Message\":\"Your account is not a"
                                    + " member of an organization.\"}"));
            DispatchFixtures.Queues aws = DispatchFixtures.queues(client, 3, 30);
            DispatchFixtures.Queues gcp = DispatchFixtures.queues(client, 3, 30);
            DispatchConfig config = DispatchConfig.load(Map.of(DispatchEnvironment.AWS_QUEUE_URL, aws.url(),
                    DispatchEnvironment.GCP_QUEUE_URL, gcp.url(), DispatchEnvironment.REGIONS, "us-east-1",
                    DispatchEnvironment.GCP_PROJECTS, GCP_PROJECT), Map.of());

            DispatchResult result = dispatcher(none, client).dispatch(config, RUN_ID);

            assertThat(result.status()).isEqualTo(DispatchResult.Status.FAILED);
            assertThat(result.error()).isEqualTo("AWS Organizations cannot list the accounts:"
                    + " AWSOrganizationsNotInUseException (HTTP 400): Your account is not a member of an"
                    + " organization.");
            assertThat(result.toMap().get("error")).isEqualTo(result.error());
            assertThat(result.targets()).isEqualTo(Map.of(CloudProvider.GCP, 1));
            assertThat(DispatchFixtures.drain(client, aws.url())).isEmpty();
            assertThat(DispatchFixtures.drain(client, gcp.url())).hasSize(1);
        }
    }

    /** 25 fixed accounts in one region: batches of 10, 10 and 5. */
    @Test
    void dispatch_fifoQueue_eachTargetIsItsOwnMessageGroupWithARunScopedDeduplicationId() {
        // The Terraform module's scan queues are FIFO: the group (= the target) keeps one target's runs apart.
        String url = sqs.createQueue(b -> b.queueName("scalewatch-targets-fifo-" + System.nanoTime() + ".fifo")
                .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"))).queueUrl();

        DispatchResult result = dispatcher(organizations, sqs).dispatch(fixedAccounts(url), RUN_ID);

        assertThat(result.status()).isEqualTo(DispatchResult.Status.DONE);
        List<Message> messages = DispatchFixtures.drain(sqs, url);
        assertThat(messages).hasSize(25).allSatisfy(m -> {
            assertThat(m.attributesAsStrings()).containsEntry("MessageGroupId", DispatchFixtures.target(m))
                    .containsEntry("MessageDeduplicationId", RUN_ID + "|" + DispatchFixtures.target(m));
        });
        assertThat(targets(messages)).hasSize(25);
    }

    private static DispatchConfig fixedAccounts(String queueUrl) {
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            accounts.add(String.format("1000000000%02d", i));
        }
        return DispatchConfig.load(Map.of(DispatchEnvironment.AWS_QUEUE_URL, queueUrl, DispatchEnvironment.REGIONS,
                "eu-west-1", DispatchEnvironment.ACCOUNTS, String.join(",", accounts)), Map.of());
    }

    /** Forwards the SendMessageBatch without the entries {@code fail} picks and reports those as Failed. */
    private static FaultInjectingProxy.Action failEntries(Predicate<JsonNode> fail, boolean senderFault) {
        return (request, upstream) -> {
            try {
                ObjectNode body = (ObjectNode) JSON.readTree(request.bodyText());
                ArrayNode keep = JSON.createArrayNode();
                List<String> failed = new ArrayList<>();
                body.path("Entries").forEach(e -> {
                    if (fail.test(e)) {
                        failed.add(e.path("Id").asText());
                    } else {
                        keep.add(e);
                    }
                });
                body.set("Entries", keep);
                ObjectNode answer = keep.isEmpty() ? JSON.createObjectNode()
                        : (ObjectNode) JSON.readTree(upstream.forward(request.withBody(
                                JSON.writeValueAsBytes(body))).bodyText());
                ArrayNode failures = answer.putArray("Failed");
                for (String id : failed) {
                    failures.addObject().put("Id", id).put("SenderFault", senderFault)
                            .put("Code", senderFault ? "InvalidParameterValue" : "InternalError")
                            .put("Message", senderFault ? "Message too long" : "Service unavailable, try again");
                }
                if (!answer.has("Successful")) {
                    answer.putArray("Successful");
                }
                return FaultInjectingProxy.Response.of(200, "application/x-amz-json-1.0", answer.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    private static List<List<String>> sentEntryIds(FaultInjectingProxy proxy) {
        List<List<String>> out = new ArrayList<>();
        for (FaultInjectingProxy.Request r : proxy.requests()) {
            if (r.header("X-Amz-Target").equals("AmazonSQS.SendMessageBatch")) {
                List<String> ids = new ArrayList<>();
                DispatchFixtures.json(new String(r.body(), StandardCharsets.UTF_8)).path("Entries")
                        .forEach(e -> ids.add(e.path("Id").asText()));
                out.add(ids);
            }
        }
        return out;
    }

    @Test
    void dispatch_batchWithTwoFailedEntriesOnce_retriesOnlyThoseAndEnqueuesEveryTargetOnce() {
        DispatchFixtures.Queues queues = DispatchFixtures.queues(sqs, 3, 30);
        try (FaultInjectingProxy proxy = FaultInjectingProxy.start(Moto.endpoint());
                SqsClient viaProxy = DispatchFixtures.sqs(credentials, proxy.endpoint())) {
            proxy.on("POST", "/.*").header("X-Amz-Target", "AmazonSQS.SendMessageBatch").times(1)
                    .respondWith(failEntries(e -> Set.of("3", "7").contains(e.path("Id").asText()), false));

            DispatchResult result = dispatcher(organizations, viaProxy).dispatch(fixedAccounts(queues.url()), RUN_ID);

            assertThat(result.status()).isEqualTo(DispatchResult.Status.DONE);
            assertThat(result.sent()).isEqualTo(25);
            assertThat(result.unsent()).isEmpty();
            assertThat(sentEntryIds(proxy)).containsExactly(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
                    List.of("3", "7"), List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
                    List.of("0", "1", "2", "3", "4"));
        }
        List<Message> messages = DispatchFixtures.drain(sqs, queues.url());
        assertThat(messages).hasSize(25);
        assertThat(targets(messages)).hasSize(25);
    }

    @Test
    void dispatch_entryFailingEveryAttempt_reportedUnsentAfterFiveAttemptsWhileTheOthersAreSent() {
        DispatchFixtures.Queues queues = DispatchFixtures.queues(sqs, 3, 30);
        String stuck = "100000000013";
        DispatchResult result;
        try (FaultInjectingProxy proxy = FaultInjectingProxy.start(Moto.endpoint());
                SqsClient viaProxy = DispatchFixtures.sqs(credentials, proxy.endpoint())) {
            proxy.on("POST", "/.*").header("X-Amz-Target", "AmazonSQS.SendMessageBatch")
                    .respondWith(failEntries(e -> e.path("MessageBody").asText().contains(stuck), false));

            result = dispatcher(organizations, viaProxy).dispatch(fixedAccounts(queues.url()), RUN_ID);

            assertThat(sentEntryIds(proxy)).filteredOn(ids -> ids.equals(List.of("3"))).hasSize(4);
        }
        assertThat(result.status()).isEqualTo(DispatchResult.Status.FAILED);
        assertThat(result.sent()).isEqualTo(24);
        assertThat(result.unsent()).containsExactly(new SendReport.Unsent("aws:" + stuck + ":eu-west-1",
                "InternalError: Service unavailable, try again"));
        assertThat(result.error()).isEqualTo("1 of 25 targets could not be enqueued");
        assertThat(targets(DispatchFixtures.drain(sqs, queues.url()))).hasSize(24)
                .doesNotContain("aws:" + stuck + ":eu-west-1");
    }

    @Test
    void dispatch_senderFaultEntry_notRetriedAndReported() {
        DispatchFixtures.Queues queues = DispatchFixtures.queues(sqs, 3, 30);
        DispatchResult result;
        try (FaultInjectingProxy proxy = FaultInjectingProxy.start(Moto.endpoint());
                SqsClient viaProxy = DispatchFixtures.sqs(credentials, proxy.endpoint())) {
            proxy.on("POST", "/.*").header("X-Amz-Target", "AmazonSQS.SendMessageBatch")
                    .respondWith(failEntries(e -> e.path("MessageBody").asText().contains("100000000021"), true));

            result = dispatcher(organizations, viaProxy).dispatch(fixedAccounts(queues.url()), RUN_ID);

            assertThat(sentEntryIds(proxy)).hasSize(3);
        }
        assertThat(result.unsent()).containsExactly(new SendReport.Unsent("aws:100000000021:eu-west-1",
                "InvalidParameterValue: Message too long (sender fault, not retried)"));
        assertThat(result.sent()).isEqualTo(24);
    }
}
