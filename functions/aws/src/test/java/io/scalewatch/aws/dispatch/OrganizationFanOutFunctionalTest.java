package io.scalewatch.aws.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.scalewatch.aws.FaultInjectingProxy;
import io.scalewatch.aws.Moto;
import io.scalewatch.core.dispatch.QueuedBatch;
import io.scalewatch.core.dispatch.QueuedMessage;
import io.scalewatch.core.dispatch.QueuedOutcome;
import io.scalewatch.core.dispatch.QueuedScans;
import io.scalewatch.core.event.CloudProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The fan-out at organization scale against moto: an organization of 500 accounts (the management account and
 * 499 created through the Organizations API, listed in pages of 100), one region, 500 targets, the dispatcher
 * enqueuing them, and the scan side consuming the queue
 * through {@link QueuedScans} behind a played event source mapping with bounded concurrency, a redrive policy and
 * a dead-letter queue.
 */
class OrganizationFanOutFunctionalTest {
    private static final int MAX_CONCURRENCY = 4;
    private static final int BATCH_SIZE = 10;
    private static final int MAX_RECEIVE_COUNT = 3;
    private static StaticCredentialsProvider credentials;
    private static OrganizationsClient organizations;
    private static SqsClient sqs;
    private static final List<String> REGIONS = List.of("us-east-1");
    /** Far longer than any batch takes, so only a failed record comes back (the mapping ends its timeout at once). */
    private static final int VISIBILITY_SECONDS = 60;
    private static Set<String> accounts;
    private static Set<String> targets;

    @BeforeAll
    static void organizationOf500() {
        credentials = DispatchFixtures.freshAccount();
        organizations = DispatchFixtures.organizations(credentials);
        sqs = DispatchFixtures.sqs(credentials, Moto.endpoint());
        List<String> members = DispatchFixtures.organization(organizations, 499);
        accounts = new HashSet<>(members);
        accounts.add(organizations.describeOrganization().organization().masterAccountId());
        assertThat(accounts).hasSize(500);
        targets = new HashSet<>();
        accounts.forEach(a -> REGIONS.forEach(r -> targets.add("aws:" + a + ":" + r)));
    }

    @AfterAll
    static void close() {
        organizations.close();
        sqs.close();
    }

    private static Dispatcher dispatcher(SqsClient client) {
        return Dispatcher.builder().organizations(organizations).sqs(client).sleeper(d -> {}).build();
    }

    @Test
    void dispatch_organizationOf500Accounts_enqueuesEachAccountAndRegionOnceInBatchesOfTen() {
        DispatchFixtures.Queues queues = DispatchFixtures.queues(sqs, MAX_RECEIVE_COUNT, 30);
        DispatchConfig config = DispatchConfig.load(Map.of(DispatchEnvironment.AWS_QUEUE_URL, queues.url(),
                DispatchEnvironment.REGIONS, String.join(",", REGIONS)), Map.of());
        DispatchResult result;
        List<Integer> batchSizes = new ArrayList<>();
        try (FaultInjectingProxy proxy = FaultInjectingProxy.start(Moto.endpoint());
                SqsClient viaProxy = DispatchFixtures.sqs(credentials, proxy.endpoint())) {
            result = dispatcher(viaProxy).dispatch(config, "20261125T220000Z-fanout01");
            proxy.requests().stream().filter(r -> r.header("X-Amz-Target").equals("AmazonSQS.SendMessageBatch"))
                    .forEach(r -> batchSizes.add(DispatchFixtures.json(r.bodyText()).path("Entries").size()));
        }

        assertThat(result.status()).isEqualTo(DispatchResult.Status.DONE);
        assertThat(result.targets()).isEqualTo(Map.of(CloudProvider.AWS, 500));
        assertThat(result.sent()).isEqualTo(500);
        assertThat(result.skipped()).isEmpty();
        assertThat(result.unsent()).isEmpty();
        assertThat(batchSizes).hasSize(50).containsOnly(10);
        List<Message> messages = DispatchFixtures.drain(sqs, queues.url());
        assertThat(messages).hasSize(500);
        Set<String> seen = new HashSet<>();
        for (Message message : messages) {
            JsonNode body = DispatchFixtures.json(message.body());
            String account = body.path("accounts").get(0).asText();
            String region = body.path("regions").get(0).asText();
            assertThat(body.size()).isEqualTo(2);
            assertThat(body.path("accounts").size() + body.path("regions").size()).isEqualTo(2);
            assertThat(DispatchFixtures.target(message)).isEqualTo("aws:" + account + ":" + region);
            assertThat(message.messageAttributes().get(QueuedScans.DISPATCH_RUN_ID_ATTRIBUTE).stringValue())
                    .isEqualTo("20261125T220000Z-fanout01");
            assertThat(seen.add(DispatchFixtures.target(message))).as("duplicate %s", message.body()).isTrue();
        }
        assertThat(seen).isEqualTo(targets);
    }

    @Test
    void fanOut_500TargetsOneAlwaysFailing_boundedConcurrencyRetriedThenDeadLetteredOthersScannedOnce()
            throws InterruptedException {
        DispatchFixtures.Queues queues = DispatchFixtures.queues(sqs, MAX_RECEIVE_COUNT, VISIBILITY_SECONDS);
        DispatchResult dispatched = dispatcher(sqs).dispatch(DispatchConfig.load(Map.of(
                DispatchEnvironment.AWS_QUEUE_URL, queues.url(), DispatchEnvironment.REGIONS,
                String.join(",", REGIONS)), Map.of()), "20261125T220000Z-fanout02");
        assertThat(dispatched.sent()).isEqualTo(500);
        String failing = "aws:" + accounts.stream().sorted().toList().get(250) + ":us-east-1";

        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        Map<String, AtomicInteger> scans = new ConcurrentHashMap<>();
        List<QueuedBatch> batches = new CopyOnWriteArrayList<>();
        Function<QueuedMessage, Map<String, Object>> scan = message -> {
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(20); // a scan takes a while, so the pollers' scans overlap
                String target = "aws:" + ((List<?>) message.body().get("accounts")).get(0) + ":"
                        + ((List<?>) message.body().get("regions")).get(0);
                assertThat(message.target()).isEqualTo(target);
                scans.computeIfAbsent(target, t -> new AtomicInteger()).incrementAndGet();
                return target.equals(failing)
                        ? Map.of("status", "failed", "error", "AccessDenied (HTTP 403): cannot assume scalewatch-read")
                        : Map.of("status", "done");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                running.decrementAndGet();
            }
        };
        Function<Map<String, Object>, Map<String, Object>> function = event -> {
            QueuedBatch batch = QueuedScans.run(event, scan); // what AwsScanHandler does with an SQS event
            batches.add(batch);
            return batch.toResponse();
        };

        try (EventSourceMapping mapping = new EventSourceMapping(sqs, queues.url(), queues.arn(), MAX_CONCURRENCY,
                BATCH_SIZE, function)) {
            Instant until = Instant.now().plus(Duration.ofSeconds(120));
            while (!(scans.size() == 500 && DispatchFixtures.depth(sqs, queues.dlqUrl()) == 1
                    && DispatchFixtures.depth(sqs, queues.url()) == 0) && Instant.now().isBefore(until)) {
                Thread.sleep(500);
            }
            assertThat(mapping.errors()).isEmpty();
        }

        assertThat(scans.keySet()).isEqualTo(targets);
        assertThat(scans.get(failing).get()).as("the failing target is received maxReceiveCount times")
                .isEqualTo(MAX_RECEIVE_COUNT);
        scans.forEach((target, count) -> {
            if (!target.equals(failing)) {
                assertThat(count.get()).as("%s is scanned once, whatever shared its batch", target).isEqualTo(1);
            }
        });
        assertThat(maxRunning.get()).isBetween(2, MAX_CONCURRENCY);
        List<QueuedOutcome> failures = batches.stream().flatMap(b -> b.failures().stream()).toList();
        assertThat(failures).extracting(QueuedOutcome::target).containsOnly(failing);
        assertThat(failures).extracting(QueuedOutcome::receiveCount).containsExactly(1, 2, 3);
        assertThat(failures).allSatisfy(f -> {
            assertThat(f.status()).isEqualTo("failed");
            assertThat(f.error()).isEqualTo("AccessDenied (HTTP 403): cannot assume scalewatch-read");
            assertThat(f.dispatchRunId()).isEqualTo("20261125T220000Z-fanout02");
        });
        assertThat(batches.stream().mapToInt(b -> b.outcomes().size()).sum()).isEqualTo(499 + MAX_RECEIVE_COUNT);
        List<Message> dead = DispatchFixtures.drain(sqs, queues.dlqUrl());
        assertThat(dead).singleElement().satisfies(m -> {
            assertThat(DispatchFixtures.target(m)).isEqualTo(failing);
            assertThat(m.body()).isEqualTo("{\"accounts\":[\"" + failing.split(":")[1]
                    + "\"],\"regions\":[\"us-east-1\"]}");
        });
        assertThat(DispatchFixtures.depth(sqs, queues.url())).isZero();
    }
}
