package io.scalewatch.aws.checkpoint;

import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
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
 * Small JSON state objects in one bucket, versioned by their ETag: a read that finds none on 404, and a replace
 * with {@code If-Match: <etag>} ({@code If-None-Match: *} when none may exist yet), so of two runs that read the
 * same version only the first writes. Checkpoints and baselines share it; each store maps failures onto its own
 * exception.
 */
final class VersionedS3Objects {
    private static final int NOT_FOUND = 404;
    private static final int CONFLICT = 409;
    private static final int PRECONDITION_FAILED = 412;

    /** An object's bytes and the ETag they were read at. */
    record Version(byte[] bytes, String etag) {}

    /** The object changed since it was read; {@link #status()} is S3's answer (412, 404 or 409). */
    static final class ChangedException extends RuntimeException {
        private final int status;

        ChangedException(int status, Throwable cause) {
            super("S3 answered " + status, cause);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    private final S3Client s3;
    private final String bucket;
    private final String kmsKeyId;
    private final BiFunction<String, SdkException, RuntimeException> failure;

    /**
     * @param kmsKeyId a KMS key for SSE-KMS; empty for SSE-S3 (AES256)
     * @param failure the store's exception for a message naming the object and the failed operation
     */
    VersionedS3Objects(S3Client s3, String bucket, String kmsKeyId,
            BiFunction<String, SdkException, RuntimeException> failure) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.kmsKeyId = Objects.requireNonNull(kmsKeyId, "kmsKeyId");
        this.failure = Objects.requireNonNull(failure, "failure");
    }

    /** The object at {@code key}, empty when there is none. */
    Optional<Version> read(String key) {
        ResponseBytes<GetObjectResponse> object;
        try {
            object = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
        } catch (AwsServiceException e) {
            if (e.statusCode() == NOT_FOUND) {
                return Optional.empty();
            }
            throw failure("GetObject", key, e);
        } catch (SdkException e) {
            throw failure("GetObject", key, e);
        }
        return Optional.of(new Version(object.asByteArray(), object.response().eTag()));
    }

    /**
     * Replaces the object at {@code key} if it is still at {@code expectedEtag} (absent when empty).
     *
     * @return the new ETag
     * @throws ChangedException when another writer got there first
     */
    String replace(String key, byte[] json, Optional<String> expectedEtag) {
        PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(bucket).key(key)
                .contentType("application/json");
        expectedEtag.ifPresentOrElse(request::ifMatch, () -> request.ifNoneMatch("*"));
        if (kmsKeyId.isEmpty()) {
            request.serverSideEncryption(ServerSideEncryption.AES256);
        } else {
            request.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(kmsKeyId);
        }
        try {
            PutObjectResponse response = s3.putObject(request.build(), RequestBody.fromBytes(json));
            return response.eTag();
        } catch (AwsServiceException e) {
            // 412: the ETag moved (or the object appeared); 404: it was deleted under If-Match; 409: a concurrent
            // conditional write of the same key is in flight. Each means another run got there first.
            if (e.statusCode() == PRECONDITION_FAILED || e.statusCode() == NOT_FOUND || e.statusCode() == CONFLICT) {
                throw new ChangedException(e.statusCode(), e);
            }
            throw failure("PutObject", key, e);
        } catch (SdkException e) {
            throw failure("PutObject", key, e);
        }
    }

    /** {@code s3://bucket/key}, for messages. */
    String location(String key) {
        return "s3://" + bucket + "/" + key;
    }

    private RuntimeException failure(String operation, String key, SdkException e) {
        String detail = e instanceof AwsServiceException service
                ? " with HTTP " + service.statusCode() + (service.awsErrorDetails() == null ? ""
                        : " " + service.awsErrorDetails().errorCode())
                : ": " + e.getMessage();
        return this.failure.apply(location(key) + ": " + operation + " failed" + detail, e);
    }
}
