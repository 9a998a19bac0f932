package io.scalewatch.aws.checkpoint;

import io.scalewatch.aws.sink.S3Layout;
import io.scalewatch.core.checkpoint.Checkpoint;
import io.scalewatch.core.checkpoint.CheckpointConflictException;
import io.scalewatch.core.checkpoint.CheckpointKey;
import io.scalewatch.core.checkpoint.CheckpointStore;
import io.scalewatch.core.checkpoint.StoredCheckpoint;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

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
    private static final int NOT_FOUND = 404;
    private static final int CONFLICT = 409;
    private static final int PRECONDITION_FAILED = 412;

    private final S3Client s3;
    private final String bucket;
    private final S3Layout layout;
    private final String kmsKeyId;

    private S3CheckpointStore(Builder builder) {
        this.s3 = builder.s3;
        this.bucket = builder.bucket;
        this.layout = S3Layout.of(builder.prefix);
        this.kmsKeyId = builder.kmsKeyId;
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
        ResponseBytes<GetObjectResponse> object;
        try {
            object = s3.getObjectAsBytes(b -> b.bucket(bucket).key(objectKey));
        } catch (AwsServiceException e) {
            if (e.statusCode() == NOT_FOUND) {
                return Optional.empty();
            }
            throw failure("GetObject", objectKey, e);
        } catch (SdkException e) {
            throw failure("GetObject", objectKey, e);
        }
        Checkpoint stored;
        try {
            stored = CheckpointJson.read(object.asByteArray());
        } catch (IllegalArgumentException e) {
            throw new CheckpointStoreException(location(objectKey) + " is not a readable checkpoint: " + e.getMessage()
                    + "; fix or delete it to start from a backfill", e);
        }
        if (!stored.key().equals(key)) {
            throw new CheckpointStoreException(location(objectKey) + " holds the checkpoint of " + stored.key()
                    + ", not of " + key);
        }
        return Optional.of(new StoredCheckpoint(stored, object.response().eTag()));
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
        PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(bucket).key(objectKey)
                .contentType("application/json");
        expected.ifPresentOrElse(e -> request.ifMatch(e.version()), () -> request.ifNoneMatch("*"));
        if (kmsKeyId.isEmpty()) {
            request.serverSideEncryption(ServerSideEncryption.AES256);
        } else {
            request.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(kmsKeyId);
        }
        PutObjectResponse response;
        try {
            response = s3.putObject(request.build(), RequestBody.fromBytes(CheckpointJson.write(next)));
        } catch (AwsServiceException e) {
            // 412: the ETag moved (or the object appeared); 404: it was deleted under If-Match; 409: a concurrent
            // conditional write of the same key is in flight. Each means another run got there first.
            if (e.statusCode() == PRECONDITION_FAILED || e.statusCode() == NOT_FOUND || e.statusCode() == CONFLICT) {
                throw new CheckpointConflictException(location(objectKey) + " changed since this run read it (expected "
                        + expected.map(s -> "version " + s.version()).orElse("no checkpoint") + ", S3 answered "
                        + e.statusCode() + "); run " + next.runId() + " does not advance it", e);
            }
            throw failure("PutObject", objectKey, e);
        } catch (SdkException e) {
            throw failure("PutObject", objectKey, e);
        }
        return new StoredCheckpoint(next, response.eTag());
    }

    private CheckpointStoreException failure(String operation, String objectKey, SdkException e) {
        String detail = e instanceof AwsServiceException service
                ? " with HTTP " + service.statusCode() + (service.awsErrorDetails() == null ? ""
                        : " " + service.awsErrorDetails().errorCode())
                : ": " + e.getMessage();
        return new CheckpointStoreException(location(objectKey) + ": " + operation + " failed" + detail, e);
    }

    private String location(String objectKey) {
        return "s3://" + bucket + "/" + objectKey;
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
