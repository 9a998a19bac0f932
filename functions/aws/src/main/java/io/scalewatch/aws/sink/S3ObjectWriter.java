package io.scalewatch.aws.sink;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Writes finished objects once: {@code If-None-Match: *}, server-side encryption, and the SHA-256 of the
 * uncompressed content in the object's metadata, so a second publish of the same content is recognised as
 * done and different content under the same key is an error, never an overwrite.
 */
final class S3ObjectWriter {
    static final String SHA256 = "scalewatch-sha256";
    static final String RUN_ID = "scalewatch-run-id";
    static final String PUBLISHED_AT = "scalewatch-published-at";
    private static final int PRECONDITION_FAILED = 412;
    private static final int CONFLICT = 409;
    private static final int NOT_FOUND = 404;
    // S3 answers 409 ConditionalRequestConflict while another conditional write of the key is in flight.
    private static final int CONFLICT_ATTEMPTS = 3;

    /** What a write did. */
    enum Outcome {
        WRITTEN,
        ALREADY_PUBLISHED
    }

    /** Content with the hash of its uncompressed form; the body can be replayed for retries. */
    record Content(RequestBody body, String sha256, String contentType) {}

    /** A stored object's bytes and ETag. */
    record Stored(byte[] bytes, String etag) {}

    private final S3Client s3;
    private final String bucket;
    private final String kmsKeyId;
    private final Clock clock;
    private final AwsRequestOverrideConfiguration retry;

    S3ObjectWriter(S3Client s3, String bucket, String kmsKeyId, Clock clock, RetryStrategy retryStrategy) {
        this.s3 = s3;
        this.bucket = bucket;
        this.kmsKeyId = kmsKeyId;
        this.clock = clock;
        this.retry = SinkRetry.override(retryStrategy);
    }

    /** Creates {@code key} unless it exists; an existing object with the same content counts as published. */
    Outcome createOnce(String key, Content content, String runId) {
        for (int attempt = 1; ; attempt++) {
            try {
                s3.putObject(put(key, content, runId).ifNoneMatch("*").build(), content.body());
                return Outcome.WRITTEN;
            } catch (AwsServiceException e) {
                if (e.statusCode() == PRECONDITION_FAILED) {
                    return existingMatches(key, content.sha256());
                }
                if (e.statusCode() != CONFLICT || attempt >= CONFLICT_ATTEMPTS) {
                    throw failure("PutObject", key, e);
                }
            } catch (SdkException e) {
                throw failure("PutObject", key, e);
            }
        }
    }

    /** The object's bytes and ETag, empty when it does not exist. */
    Optional<Stored> read(String key) {
        try {
            var response = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key).overrideConfiguration(retry));
            return Optional.of(new Stored(response.asByteArray(), response.response().eTag()));
        } catch (AwsServiceException e) {
            if (e.statusCode() == NOT_FOUND) {
                return Optional.empty();
            }
            throw failure("GetObject", key, e);
        } catch (SdkException e) {
            throw failure("GetObject", key, e);
        }
    }

    /**
     * Replaces {@code key} if it is still at {@code etag} (absent: if it still does not exist).
     *
     * @return false when another writer changed it first
     */
    boolean replaceIfUnchanged(String key, Content content, String runId, Optional<String> etag) {
        PutObjectRequest.Builder request = put(key, content, runId);
        etag.ifPresentOrElse(request::ifMatch, () -> request.ifNoneMatch("*"));
        try {
            s3.putObject(request.build(), content.body());
            return true;
        } catch (AwsServiceException e) {
            if (e.statusCode() == PRECONDITION_FAILED || e.statusCode() == CONFLICT || e.statusCode() == NOT_FOUND) {
                return false;
            }
            throw failure("PutObject", key, e);
        } catch (SdkException e) {
            throw failure("PutObject", key, e);
        }
    }

    String location(String key) {
        return "s3://" + bucket + "/" + key;
    }

    private PutObjectRequest.Builder put(String key, Content content, String runId) {
        Map<String, String> metadata = new HashMap<>();
        metadata.put(SHA256, content.sha256());
        metadata.put(RUN_ID, runId);
        metadata.put(PUBLISHED_AT, clock.instant().toString());
        PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(bucket).key(key)
                .contentType(content.contentType()).metadata(metadata).overrideConfiguration(retry);
        if (kmsKeyId.isEmpty()) {
            request.serverSideEncryption(ServerSideEncryption.AES256);
        } else {
            request.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(kmsKeyId);
        }
        return request;
    }

    private Outcome existingMatches(String key, String sha256) {
        HeadObjectResponse head;
        try {
            head = s3.headObject(b -> b.bucket(bucket).key(key).overrideConfiguration(retry));
        } catch (SdkException e) {
            throw failure("HeadObject", key, e);
        }
        String stored = head.metadata().getOrDefault(SHA256, "");
        if (!stored.equals(sha256)) {
            throw new SinkException(location(key) + " already exists with other content (sha256 "
                    + (stored.isEmpty() ? "not recorded" : stored) + ", this run's " + sha256
                    + "); finished objects are never overwritten: was the run id reused?");
        }
        return Outcome.ALREADY_PUBLISHED;
    }

    private SinkException failure(String operation, String key, SdkException e) {
        return new SinkException(location(key) + ": " + operation + " failed" + describe(e), e);
    }

    // Status, error code, request id and attempts: what an operator needs, nothing from the request itself.
    static String describe(SdkException e) {
        StringBuilder out = new StringBuilder();
        if (e instanceof AwsServiceException service) {
            out.append(" with HTTP ").append(service.statusCode());
            if (service.awsErrorDetails() != null && service.awsErrorDetails().errorCode() != null) {
                out.append(' ').append(service.awsErrorDetails().errorCode());
            }
            if (service.requestId() != null) {
                out.append(" (request id ").append(service.requestId()).append(')');
            }
        } else {
            out.append(": ").append(e.getMessage());
        }
        if (e.numAttempts() != null) {
            out.append(" after ").append(e.numAttempts()).append(e.numAttempts() == 1 ? " attempt" : " attempts");
        }
        return out.toString();
    }
}
