package io.scalewatch.aws.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalewatch.aws.FaultInjectingProxy;
import io.scalewatch.aws.Moto;
import io.scalewatch.aws.S3Objects;
import io.scalewatch.aws.SinkFixtures;
import io.scalewatch.core.baseline.BaselineConflictException;
import io.scalewatch.core.baseline.BaselineFormatException;
import io.scalewatch.core.baseline.BaselineJson;
import io.scalewatch.core.baseline.IdentityBaseline;
import io.scalewatch.core.baseline.Observation;
import io.scalewatch.core.baseline.StoredBaseline;
import io.scalewatch.core.checkpoint.CheckpointKey;
import io.scalewatch.core.event.CloudProvider;
import io.scalewatch.core.identity.IdentitySlug;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/** Baselines in the emulator's S3 beside the checkpoints: ETag versions, conditional saves, corrupt objects. */
class S3BaselineStoreFunctionalTest {
    private static final CheckpointKey KEY = new CheckpointKey(CloudProvider.AWS, "111122223333", "us-east-1",
            SinkFixtures.ROLE);
    private static final String OBJECT = "scalewatch/state/cloud=aws/account=111122223333/region=us-east-1/identity="
            + IdentitySlug.of(SinkFixtures.ROLE) + "/baseline.json";
    private static final IdentityBaseline ONE_RUN = new IdentityBaseline(1_763_000_000_000L, 1_763_003_600_000L, 1,
            Map.of("region", Map.of("us-east-1", new Observation(1_763_000_100_000L, 1_763_003_000_000L, 12))));

    private S3Client s3;
    private String bucket;
    private S3BaselineStore store;

    @BeforeEach
    void setUp() {
        s3 = Moto.s3();
        bucket = S3Objects.newBucket(s3);
        store = S3BaselineStore.builder().s3(s3).bucket(bucket).prefix("scalewatch").build();
    }

    @AfterEach
    void tearDown() {
        s3.close();
    }

    @Test
    void load_noBaselineYet_isEmpty() {
        assertThat(store.load(KEY)).isEmpty();
    }

    @Test
    void save_first_storesItBesideTheCheckpointWithItsEtagAsVersion() {
        StoredBaseline saved = store.save(KEY, ONE_RUN, Optional.empty());

        assertThat(S3Objects.keys(s3, bucket)).containsExactly(OBJECT);
        assertThat(saved.version()).isEqualTo(s3.headObject(b -> b.bucket(bucket).key(OBJECT)).eTag());
        assertThat(store.load(KEY)).contains(saved);
        assertThat(s3.headObject(b -> b.bucket(bucket).key(OBJECT)).serverSideEncryption())
                .isEqualTo(ServerSideEncryption.AES256);
    }

    @Test
    void load_storedObject_readsEveryField() {
        s3.putObject(b -> b.bucket(bucket).key(OBJECT),
                RequestBody.fromString(SinkFixtures.resource("checkpoint/stored-baseline.json")));

        IdentityBaseline loaded = store.load(KEY).orElseThrow().baseline();

        assertThat(loaded).isEqualTo(BaselineJson.read(SinkFixtures.resource("checkpoint/stored-baseline.json")));
        assertThat(loaded.runs()).isEqualTo(42);
    }

    @Test
    void load_corruptObject_failsNamingTheObjectAndTheFieldAndLeavesItAlone() {
        String corrupt = SinkFixtures.resource("checkpoint/corrupt-baseline.json");
        s3.putObject(b -> b.bucket(bucket).key(OBJECT), RequestBody.fromString(corrupt));

        assertThatThrownBy(() -> store.load(KEY)).isInstanceOf(BaselineFormatException.class)
                .hasMessageContaining("s3://" + bucket + "/" + OBJECT + " is not a readable baseline")
                .hasMessageContaining("'seen.region.us-east-1.count'")
                .hasMessageContaining("delete it to learn");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key(OBJECT)).asUtf8String()).isEqualTo(corrupt);
    }

    @Test
    void save_twoRunsFromTheSameVersion_theFirstWinsTheSecondConflicts() {
        store.save(KEY, IdentityBaseline.empty(), Optional.empty());
        Optional<StoredBaseline> seenByA = store.load(KEY);
        Optional<StoredBaseline> seenByB = store.load(KEY);

        store.save(KEY, ONE_RUN, seenByA);

        assertThatThrownBy(() -> store.save(KEY, IdentityBaseline.empty(), seenByB))
                .isInstanceOf(BaselineConflictException.class)
                .hasMessageContaining("s3://" + bucket + "/" + OBJECT)
                .hasMessageContaining("S3 answered 412");
        assertThat(store.load(KEY).orElseThrow().baseline()).isEqualTo(ONE_RUN);
    }

    @Test
    void save_twoFirstRuns_theSecondConflictsOnIfNoneMatch() {
        store.save(KEY, ONE_RUN, Optional.empty());

        assertThatThrownBy(() -> store.save(KEY, IdentityBaseline.empty(), Optional.empty()))
                .isInstanceOf(BaselineConflictException.class).hasMessageContaining("expected no baseline");
    }

    @Test
    void save_sendsIfMatchWithTheExpectedEtagAndKmsWhenConfigured() {
        try (FaultInjectingProxy proxy = FaultInjectingProxy.start(Moto.endpoint());
                S3Client viaProxy = Moto.s3(proxy.endpoint())) {
            S3BaselineStore proxied = S3BaselineStore.builder().s3(viaProxy).bucket(bucket).prefix("scalewatch")
                    .kmsKeyId("alias/scalewatch").build();
            StoredBaseline first = proxied.save(KEY, IdentityBaseline.empty(), Optional.empty());
            proxied.save(KEY, ONE_RUN, Optional.of(first));

            var puts = proxy.requests("PUT", "/" + bucket + "/" + OBJECT);
            assertThat(puts).hasSize(2);
            assertThat(puts.get(0).header("If-None-Match")).isEqualTo("*");
            assertThat(puts.get(1).header("If-Match")).isEqualTo(first.version());
            assertThat(puts.get(1).header("x-amz-server-side-encryption")).isEqualTo("aws:kms");
        }
    }

    @Test
    void build_badBucket_failsNamingIt() {
        assertThatThrownBy(() -> S3BaselineStore.builder().s3(s3).bucket("Bad_Bucket").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Bad_Bucket'");
    }
}
