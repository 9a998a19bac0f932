package io.scalewatch.lambda;

import io.scalewatch.aws.lambda.AwsScanHandler;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A stand-in for a change to the AWS scan function that adds one SDK call (S3 DeleteBucket) without its permission:
 * it reaches everything the real handler reaches plus that call. Never run, only read as bytecode.
 */
final class ExtraCallFixture {
    static final Class<?> DEPLOYED_HANDLER = AwsScanHandler.class;

    private ExtraCallFixture() {}

    static void cleanUp(S3Client s3) {
        s3.deleteBucket(b -> b.bucket("findings"));
    }
}
