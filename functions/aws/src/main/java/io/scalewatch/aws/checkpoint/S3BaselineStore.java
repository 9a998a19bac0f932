package io.scalewatch.aws.checkpoint;

import io.scalewatch.aws.sink.S3Layout;
import io.scalewatch.core.baseline.BaselineConflictException;
import io.scalewatch.core.baseline.BaselineFormatException;
import io.scalewatch.core.baseline.BaselineJson;
import io.scalewatch.core.baseline.BaselineStore;
import io.scalewatch.core.baseline.IdentityBaseline;
import io.scalewatch.core.baseline.StoredBaseline;
import io.scalewatch.core.checkpoint.CheckpointKey;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Baselines as S3 objects beside the checkpoints,
 * {@code [prefix/]state/cloud=<c>/account=<a>/region=<r>/identity=<slug>/baseline.json}
 * ({@link S3Layout#baseline(CheckpointKey)}), versioned by their ETag and saved with {@code If-Match: <etag>} (or
 * {@code If-None-Match: *} when none may exist yet), as {@link S3CheckpointStore} does. An object that is not a
 * readable baseline fails the load with a {@link BaselineFormatException} naming the object and the field: it is
 * never replaced silently, since an empty history would make the identity's every habit look new again.
 *
 * <pre>{@code
 * BaselineStore store = S3BaselineStore.builder().s3(client).bucket("audit").prefix("scalewatch").build();
 * }</pre>
 */
public final class S3BaselineStore implements BaselineStore {
    private final VersionedS3Objects objects;
    private final S3Layout layout;

    private S3BaselineStore(Builder builder) {
        this.objects = new VersionedS3Objects(builder.s3, builder.bucket, builder.kmsKeyId,
                BaselineStoreException::new);
        this.layout = S3Layout.of(builder.prefix);
    }

    /** A builder; {@code s3} and {@code bucket} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@inheritDoc}
     *
     * @throws BaselineStoreException when S3 fails (the message names the object)
     */
    @Override
    public Optional<StoredBaseline> load(CheckpointKey key) {
        String objectKey = layout.baseline(key);
        Optional<VersionedS3Objects.Version> object = objects.read(objectKey);
        if (object.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new StoredBaseline(BaselineJson.read(object.get().bytes()), object.get().etag()));
        } catch (BaselineFormatException e) {
            throw new BaselineFormatException(objects.location(objectKey) + " is not a readable baseline: "
                    + e.getMessage() + "; fix it, or delete it to learn the identity's behaviour again from scratch",
                    e);
        }
    }

    @Override
    public StoredBaseline save(CheckpointKey key, IdentityBaseline next, Optional<StoredBaseline> expected) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(expected, "expected");
        String objectKey = layout.baseline(key);
        try {
            return new StoredBaseline(next, objects.replace(objectKey, BaselineJson.write(next),
                    expected.map(StoredBaseline::version)));
        } catch (VersionedS3Objects.ChangedException e) {
            throw new BaselineConflictException(objects.location(objectKey) + " changed since this run read it"
                    + " (expected " + expected.map(s -> "version " + s.version()).orElse("no baseline")
                    + ", S3 answered " + e.status() + "); this run's window is not folded into it", e);
        }
    }

    /** Settings of an {@link S3BaselineStore}. */
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

        /** The bucket that holds the state (the checkpoints' bucket). */
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
        public S3BaselineStore build() {
            if (s3 == null) {
                throw new IllegalArgumentException("S3BaselineStore needs an S3 client: s3(client)");
            }
            if (bucket == null || !bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
                throw new IllegalArgumentException("S3BaselineStore bucket must be an S3 bucket name (3-63 of a-z 0-9"
                        + " . -, starting and ending with a letter or digit), got '" + bucket + "'");
            }
            Objects.requireNonNull(prefix, "prefix");
            Objects.requireNonNull(kmsKeyId, "kmsKeyId");
            return new S3BaselineStore(this);
        }
    }
}
