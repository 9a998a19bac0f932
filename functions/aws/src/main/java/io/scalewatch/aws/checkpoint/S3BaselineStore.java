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
    private static final int NOT_FOUND = 404;
    private static final int CONFLICT = 409;
    private static final int PRECONDITION_FAILED = 412;

    private final S3Client s3;
    private final String bucket;
    private final S3Layout layout;
    private final String kmsKeyId;

    private S3BaselineStore(Builder builder) {
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
     * @throws BaselineStoreException when S3 fails (the message names the object)
     */
    @Override
    public Optional<StoredBaseline> load(CheckpointKey key) {
        String objectKey = layout.baseline(key);
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
        try {
            return Optional.of(new StoredBaseline(BaselineJson.read(object.asByteArray()), object.response().eTag()));
        } catch (BaselineFormatException e) {
            throw new BaselineFormatException(location(objectKey) + " is not a readable baseline: " + e.getMessage()
                    + "; fix it, or delete it to learn the identity's behaviour again from scratch", e);
        }
    }

    @Override
    public StoredBaseline save(CheckpointKey key, IdentityBaseline next, Optional<StoredBaseline> expected) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(expected, "expected");
        String objectKey = layout.baseline(key);
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
            response = s3.putObject(request.build(), RequestBody.fromBytes(BaselineJson.write(next)));
        } catch (AwsServiceException e) {
            // 412: the ETag moved (or the object appeared); 404: deleted under If-Match; 409: a concurrent
            // conditional write of the same key. Each means another run got there first.
            if (e.statusCode() == PRECONDITION_FAILED || e.statusCode() == NOT_FOUND || e.statusCode() == CONFLICT) {
                throw new BaselineConflictException(location(objectKey) + " changed since this run read it (expected "
                        + expected.map(s -> "version " + s.version()).orElse("no baseline") + ", S3 answered "
                        + e.statusCode() + "); this run's window is not folded into it", e);
            }
            throw failure("PutObject", objectKey, e);
        } catch (SdkException e) {
            throw failure("PutObject", objectKey, e);
        }
        return new StoredBaseline(next, response.eTag());
    }

    private BaselineStoreException failure(String operation, String objectKey, SdkException e) {
        String detail = e instanceof AwsServiceException service
                ? " with HTTP " + service.statusCode() + (service.awsErrorDetails() == null ? ""
                        : " " + service.awsErrorDetails().errorCode())
                : ": " + e.getMessage();
        return new BaselineStoreException(location(objectKey) + ": " + operation + " failed" + detail, e);
    }

    private String location(String objectKey) {
        return "s3://" + bucket + "/" + objectKey;
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
