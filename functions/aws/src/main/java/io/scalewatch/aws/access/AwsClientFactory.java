package io.scalewatch.aws.access;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Builds the SDK clients the collectors use, with given credentials. {@link AwsClients} is the real one;
 * tests aim it at the emulator with an endpoint override.
 */
public interface AwsClientFactory {
    /** A CloudTrail client for the region. */
    CloudTrailClient cloudTrail(Region region, AwsCredentialsProvider credentials);

    /** An S3 client for the region. */
    S3Client s3(Region region, AwsCredentialsProvider credentials);

    /** An IAM client (IAM is global). */
    IamClient iam(AwsCredentialsProvider credentials);
}
