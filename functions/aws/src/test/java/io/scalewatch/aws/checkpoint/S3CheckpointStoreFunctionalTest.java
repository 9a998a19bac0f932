package io.scalewatch.aws.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalewatch.aws.FaultInjectingProxy;
import io.scalewatch.aws.Moto;
import io.scalewatch.aws.S3Objects;
import io.scalewatch.aws.SinkFixtures;
import io.scalewatch.core.checkpoint.Checkpoint;
import io.scalewatch.core.checkpoint.CheckpointConflictException;
import io.scalewatch.core.checkpoint.CheckpointKey;
import io.scalewatch.core.checkpoint.StoredCheckpoint;
import io.scalewatch.core.event.CloudProvider;
import io.scalewatch.core.identity.IdentitySlug;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/** Checkpoints in the emulator's S3: ETag versions, conditional advances, the race of two runs. */
class S3CheckpointStoreFunctionalTest {
    private static final CheckpointKey KEY = new CheckpointKey(CloudProvider.AWS, "111122223333", "us-east-1",
            SinkFixtures.ROLE);
    private static final String OBJECT = "scalewatch/state/cloud=aws/account=111122223333/region=us-east-1/identity="
            + IdentitySlug.of(SinkFixtures.ROLE) + "/checkpoint.json";
    private static final Instant T0 = Instant.parse("2026-11-25T11:45:00Z");

    private S3Client s3;
    private String bucket;
    private S3CheckpointStore store;

    @BeforeEach
    void setUp() {
        s3 = Moto.s3();
        bucket = S3Objects.newBucket(s3);
        store = S3CheckpointStore.builder().s3(s3).bucket(bucket).prefix("scalewatch").build();
    }

    @AfterEach
    void tearDown() {
        s3.close();
    }

    private static Checkpoint checkpoint(Instant coveredUntil, String runId) {
        return new Checkpoint(KEY, coveredUntil, runId, coveredUntil.plusSeconds(900));
    }

    @Test
    void load_noCheckpointYet_isEmpty() {
        assertThat(store.load(KEY)).isEmpty();
    }

    @Test
    void advance_firstCheckpoint_storesItUnderTheStateKeyWithItsEtagAsVersion() {
        StoredCheckpoint stored = store.advance(checkpoint(T0, "run-1"), Optional.empty());

        assertThat(S3Objects.keys(s3, bucket)).containsExactly(OBJECT);
        assertThat(stored.version()).isEqualTo(s3.headObject(b -> b.bucket(bucket).key(OBJECT)).eTag());
        assertThat(store.load(KEY)).contains(stored);
        assertThat(s3.headObject(b -> b.bucket(bucket).key(OBJECT)).serverSideEncryption())
                .isEqualTo(ServerSideEncryption.AES256);
    }

    @Test
    void load_storedObject_readsEveryField() {
        s3.putObject(b -> b.bucket(bucket).key(OBJECT),
                RequestBody.fromString(SinkFixtures.resource("checkpoint/stored-checkpoint.json")));

        StoredCheckpoint loaded = store.load(KEY).orElseThrow();

        assertThat(loaded.checkpoint()).isEqualTo(new Checkpoint(KEY, T0, "20261125T120000Z",
                Instant.parse("2026-11-25T12:03:12.481Z")));
        assertThat(loaded.version()).isEqualTo(s3.headObject(b -> b.bucket(bucket).key(OBJECT)).eTag());
    }

    @Test
    void advance_fromTheLoadedVersion_movesItAndChangesTheVersion() {
        StoredCheckpoint first = store.advance(checkpoint(T0, "run-1"), Optional.empty());

        StoredCheckpoint second = store.advance(checkpoint(T0.plusSeconds(900), "run-2"), store.load(KEY));

        assertThat(second.version()).isNotEqualTo(first.version());
        assertThat(store.load(KEY).orElseThrow().checkpoint().runId()).isEqualTo("run-2");
    }

    @Test
    void advance_twoRunsFromTheSameVersion_theFirstWinsTheSecondConflicts() {
        store.advance(checkpoint(T0, "run-0"), Optional.empty());
        Optional<StoredCheckpoint> seenByA = store.load(KEY);
        Optional<StoredCheckpoint> seenByB = store.load(KEY);

        store.advance(checkpoint(T0.plusSeconds(900), "run-a"), seenByA);

        assertThatThrownBy(() -> store.advance(checkpoint(T0.plusSeconds(600), "run-b"), seenByB))
                .isInstanceOf(CheckpointConflictException.class)
                .hasMessageContaining("s3://" + bucket + "/" + OBJECT)
                .hasMessageContaining("expected version " + seenByB.orElseThrow().version())
                .hasMessageContaining("S3 answered 412")
                .hasMessageContaining("run run-b does not advance it");
        assertThat(store.load(KEY).orElseThrow().checkpoint().runId()).isEqualTo("run-a");
    }

    @Test
    void advance_twoFirstRuns_theSecondConflictsOnIfNoneMatch() {
        store.advance(checkpoint(T0, "run-a"), Optional.empty());

        assertThatThrownBy(() -> store.advance(checkpoint(T0, "run-b"), Optional.empty()))
                .isInstanceOf(CheckpointConflictException.class).hasMessageContaining("expected no checkpoint");
        assertThat(store.load(KEY).orElseThrow().checkpoint().runId()).isEqualTo("run-a");
    }

    @Test
    void advance_checkpointDeletedSinceItWasRead_conflicts() {
        store.advance(checkpoint(T0, "run-0"), Optional.empty());
        Optional<StoredCheckpoint> seen = store.load(KEY);
        s3.deleteObject(b -> b.bucket(bucket).key(OBJECT));

        assertThatThrownBy(() -> store.advance(checkpoint(T0.plusSeconds(900), "run-1"), seen))
                .isInstanceOf(CheckpointConflictException.class).hasMessageContaining("S3 answered 404");
    }

    @Test
    void advance_concurrentConditionalWriteInFlight_conflicts() {
        try (FaultInjectingProxy proxy = FaultInjectingProxy.start(Moto.endpoint());
                S3Client viaProxy = Moto.s3(proxy.endpoint())) {
            proxy.on("PUT", "/" + bucket + "/" + OBJECT).respond(FaultInjectingProxy.Response.of(409,
                    "application/xml", SinkFixtures.resource("faults/s3-conditional-request-conflict.xml")));
            S3CheckpointStore proxied = S3CheckpointStore.builder().s3(viaProxy).bucket(bucket).prefix("scalewatch")
                    .build();

            assertThatThrownBy(() -> proxied.advance(checkpoint(T0, "run-1"), Optional.empty()))
                    .isInstanceOf(CheckpointConflictException.class).hasMessageContaining("S3 answered 409");
        }
        assertThat(store.load(KEY)).isEmpty();
    }

    @Test
    void advance_sendsIfMatchWithTheExpectedEtagAndIfNoneMatchForTheFirst() {
        try (FaultInjectingProxy proxy = FaultInjectingProxy.start(Moto.endpoint());
                S3Client viaProxy = Moto.s3(proxy.endpoint())) {
            S3CheckpointStore proxied = S3CheckpointStore.builder().s3(viaProxy).bucket(bucket).prefix("scalewatch")
                    .kmsKeyId("alias/scalewatch").build();
            StoredCheckpoint first = proxied.advance(checkpoint(T0, "run-1"), Optional.empty());
            proxied.advance(checkpoint(T0.plusSeconds(900), "run-2"), Optional.of(first));

            var puts = proxy.requests("PUT", "/" + bucket + "/" + OBJECT);
            assertThat(puts).hasSize(2);
            assertThat(puts.get(0).header("If-None-Match")).isEqualTo("*");
            assertThat(puts.get(0).header("If-Match")).isEmpty();
            assertThat(puts.get(1).header("If-Match")).isEqualTo(first.version());
            assertThat(puts.get(1).header("x-amz-server-side-encryption")).isEqualTo("aws:kms");
            assertThat(puts.get(1).header("x-amz-server-side-encryption-aws-kms-key-id")).isEqualTo("alias/scalewatch");
        }
    }

    @Test
    void load_checkpointOfAnotherTargetUnderTheKey_failsNamingBoth() {
        s3.putObject(b -> b.bucket(bucket).key(OBJECT),
                RequestBody.fromString(SinkFixtures.resource("checkpoint/other-target-checkpoint.json")));

        assertThatThrownBy(() -> store.load(KEY)).isInstanceOf(CheckpointStoreException.class)
                .hasMessageContaining("s3://" + bucket + "/" + OBJECT)
                .hasMessageContaining("444455556666").hasMessageContaining("not of");
    }

    @Test
    void load_unreadableCheckpoint_failsNamingTheField() {
        s3.putObject(b -> b.bucket(bucket).key(OBJECT),
                RequestBody.fromString(SinkFixtures.resource("checkpoint/wrong-type-checkpoint.json")));

        assertThatThrownBy(() -> store.load(KEY)).isInstanceOf(CheckpointStoreException.class)
                .hasMessageContaining("is not a readable checkpoint")
                .hasMessageContaining("'covered_until' must be a non-empty string, got number");
    }

    @Test
    void advance_expectedCheckpointOfAnotherKey_isRejected() {
        StoredCheckpoint other = new StoredCheckpoint(new Checkpoint(new CheckpointKey(CloudProvider.AWS,
                "111122223333", "eu-west-1", SinkFixtures.ROLE), T0, "run-0", T0), "\"etag\"");

        assertThatThrownBy(() -> store.advance(checkpoint(T0, "run-1"), Optional.of(other)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eu-west-1");
    }
}
