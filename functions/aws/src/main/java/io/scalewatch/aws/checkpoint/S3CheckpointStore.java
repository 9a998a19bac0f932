package io.scalewatch.aws.checkpoint;

import io.scalewatch.aws.sink.S3Layout;
import io.scalewatch.core.checkpoint.Checkpoint;
import io.scalewatch.core.checkpoint.CheckpointConflictException;
import io.scalewatch.core.checkpoint.CheckpointKey;
import io.scalewatch.core.checkpoint.CheckpointStore;
import io.scalewatch.core.checkpoint.StoredCheckpoint;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Checkpoints as S3 objects, {@code [prefix/]state/cloud=<c>/account=<a>/region=<r>/identity=<slug>/checkpoint.json}
 * ({@link S3Layout#checkpoint(CheckpointKey)}), versioned by their ETag. {@link #advance} writes with
 * {@code If-Match: <etag>} (or {@code If-None-Match: *} when none may exist yet), so of two runs that read the
 * same version only the first advances it; the other gets {@link CheckpointConflictException}.
 *
 * <pre>{@code
 * CheckpointStore store = S3CheckpointStore.builder().s3(client).bucket("audit").prefix("scalewatch").build();
 * Optional<StoredCheckpoint> last = store.load(key);
 * ... scan and publish ...
 * store.advance(new Checkpoint(key, window.end(), runId, clock.instant()), last);
 * }</pre>
 */
public final class S3CheckpointStore implements CheckpointStore {
    private final VersionedS3Objects objects;
    private final S3Layout layout;

    private S3CheckpointStore(Builder builder) {
        this.objects = new VersionedS3Objects(builder.s3, builder.bucket, builder.kmsKeyId,
                CheckpointStoreException::new);
        this.layout = S3Layout.of(builder.prefix);
    }

    /** A builder; {@code s3} and {@code bucket} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@inheritDoc}
     *
     * @throws CheckpointStoreException when S3 fails, or the stored object is unreadable or belongs to another
     *     target (the message names the object)
     */
    @Override
    public Optional<StoredCheckpoint> load(CheckpointKey key) {
        String objectKey = layout.checkpoint(key);
        Optional<VersionedS3Objects.Version> object = objects.read(objectKey);
        if (object.isEmpty()) {
            return Optional.empty();
        }
        Checkpoint stored;
        try {
            stored = CheckpointJson.read(object.get().bytes());
        } catch (IllegalArgumentException e) {
            throw new CheckpointStoreException(objects.location(objectKey) + " is not a readable checkpoint: "
                    + e.getMessage() + "; fix or delete it to start from a backfill", e);
        }
        if (!stored.key().equals(key)) {
            throw new CheckpointStoreException(objects.location(objectKey) + " holds the checkpoint of "
                    + stored.key() + ", not of " + key);
        }
        return Optional.of(new StoredCheckpoint(stored, object.get().etag()));
    }

    @Override
    public StoredCheckpoint advance(Checkpoint next, Optional<StoredCheckpoint> expected) {
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(expected, "expected");
        expected.ifPresent(e -> {
            if (!e.checkpoint().key().equals(next.key())) {
                throw new IllegalArgumentException("expected checkpoint is of " + e.checkpoint().key()
                        + ", the next one of " + next.key());
            }
        });
        String objectKey = layout.checkpoint(next.key());
        try {
            return new StoredCheckpoint(next, objects.replace(objectKey, CheckpointJson.write(next),
                    expected.map(StoredCheckpoint::version)));
        } catch (VersionedS3Objects.ChangedException e) {
            throw new CheckpointConflictException(objects.location(objectKey) + " changed since this run read it"
                    + " (expected " + expected.map(s -> "version " + s.version()).orElse("no checkpoint")
                    + ", S3 answered " + e.status() + "); run " + next.runId() + " does not advance it", e);
        }
    }

    /** Settings of an {@link S3CheckpointStore}. */
    public static final class Builder {
        private S3Client s3;
        private String bucket;
        private String prefix = "";
        private String kmsKeyId = "";

        private Builder() {}

        /** The S3 client (built once per container and shared). */
        public Builder s3(S3Client s3) {
            this.s3 = s3;
            return this;
        }

        /** The bucket that holds the checkpoints. */
        public Builder bucket(String bucket) {
            this.bucket = bucket;
            return this;
        }

        /** A key prefix (see {@link S3Layout#of(String)}); none by default. */
        public Builder prefix(String prefix) {
            this.prefix = prefix;
            return this;
        }

        /** A KMS key for SSE-KMS; empty (the default) for SSE-S3 (AES256). */
        public Builder kmsKeyId(String kmsKeyId) {
            this.kmsKeyId = kmsKeyId;
            return this;
        }

        /**
         * The store.
         *
         * @throws IllegalArgumentException naming the missing or invalid setting
         */
        public S3CheckpointStore build() {
            if (s3 == null) {
                throw new IllegalArgumentException("S3CheckpointStore needs an S3 client: s3(client)");
            }
            if (bucket == null || !bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
                throw new IllegalArgumentException("S3CheckpointStore bucket must be an S3 bucket name (3-63 of a-z 0-9"
                        + " . -, starting and ending with a letter or digit), got '" + bucket + "'");
            }
            Objects.requireNonNull(prefix, "prefix");
            Objects.requireNonNull(kmsKeyId, "kmsKeyId");
            return new S3CheckpointStore(this);
        }
    }
}
