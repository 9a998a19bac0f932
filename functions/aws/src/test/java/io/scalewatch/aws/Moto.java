package io.scalewatch.aws;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;

/**
 * The AWS emulator the functional tests talk to: moto in server mode, started on loopback by
 * {@code infra/bin/test} (system property {@code moto.endpoint}). Tests fail, never skip, without it.
 */
public final class Moto {
    /** Fake keys of the emulator; a test greps outputs for them to prove credentials never leak. */
    public static final String ACCESS_KEY = "AKIAMOTOTESTKEY00001";
    public static final String SECRET_KEY = "moto-test-secret-key-do-not-leak-0001";
    public static final Region REGION = Region.US_EAST_1;
    /** The account moto files requests of {@link #credentials()} under (its default account). */
    public static final String ACCOUNT = "123456789012";

    private Moto() {}

    /** The emulator's endpoint, e.g. http://127.0.0.1:40123. */
    public static URI endpoint() {
        String value = System.getProperty("moto.endpoint", "");
        if (value.isBlank()) {
            throw new AssertionError("no AWS emulator: run the tests through infra/bin/test, which starts moto and "
                    + "passes -Dmoto.endpoint (or start one with infra/bin/moto start)");
        }
        return URI.create(value);
    }

    /** Static fake credentials for SDK clients aimed at the emulator. */
    public static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    }

    /** An S3 client aimed at the emulator (path-style addressing, as moto serves buckets). */
    public static S3Client s3() {
        return s3(endpoint());
    }

    /** An S3 client aimed at {@code endpoint} (the emulator or a proxy in front of it). */
    public static S3Client s3(URI endpoint) {
        return S3Client.builder().endpointOverride(endpoint).region(REGION).credentialsProvider(credentials())
                .forcePathStyle(true).httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** A Security Hub client aimed at the emulator. */
    public static SecurityHubClient securityHub() {
        return securityHub(endpoint());
    }

    /** A Security Hub client aimed at {@code endpoint} (the emulator or a proxy in front of it). */
    public static SecurityHubClient securityHub(URI endpoint) {
        return SecurityHubClient.builder().endpointOverride(endpoint).region(REGION).credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.create()).build();
    }
}
