package io.scalewatch.aws.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

class AwsErrorsTest {
    private static AwsServiceException service(int status, String code, String message) {
        return AwsServiceException.builder().statusCode(status).requestId("req-1")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build()).build();
    }

    @Test
    void scrub_accessKeysSecretsTokensAndSignatures_replaced() {
        String text = "The request signature we calculated does not match. AWSAccessKeyId ASIARTXV5AHDUZA67CMB, secret "
                + "qvogxnfNH/6DXhJhyrutxy2kD6ZAhzcPxw9ZSHAd, token "
                + "FQoGZXIvYXdzEBYaDuPu2yo8/Zlk1ROg6LHi9clJorFqRGS+ZL9zO5eNSm"
                + " Authorization: AWS4-HMAC-SHA256 Credential=AKIAMOTOTESTKEY00001/20261124/us-east-1/s3/aws4_request";

        String scrubbed = AwsErrors.scrub(text);

        assertThat(scrubbed).doesNotContain("ASIARTXV5AHDUZA67CMB", "qvogxnfNH/6DXhJhyrutxy2kD6ZAhzcPxw9ZSHAd",
                "FQoGZXIvYXdzEBYaDuPu2yo8", "AKIAMOTOTESTKEY00001").contains("<access-key-id>").contains("<redacted>");
    }

    @Test
    void scrub_arnsAndPlainText_kept() {
        String text = "User: arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_DevOps_5f1c2a9b8e7d6c4a/alice is "
                + "not authorized to perform: cloudtrail:LookupEvents on resource "
                + "arn:aws:cloudtrail:us-east-1:111122223333:trail/x";

        assertThat(AwsErrors.scrub(text)).isEqualTo(text);
    }

    @Test
    void scrub_controlCharactersAndLongText_madePrintableAndCut() {
        assertThat(AwsErrors.scrub("a\nb\u0000c")).isEqualTo("a b c");
        assertThat(AwsErrors.scrub("x".repeat(10_000))).hasSize(503).endsWith("...");
        assertThat(AwsErrors.scrub(null)).isEmpty();
    }

    @Test
    void describe_serviceError_namesCodeStatusAndRequest() {
        assertThat(AwsErrors.describe(service(403, "AccessDenied", "Access Denied for ASIARTXV5AHDUZA67CMB")))
                .isEqualTo("AccessDenied (HTTP 403, request req-1): Access Denied for <access-key-id>");
        assertThat(AwsErrors.describe(SdkClientException.create("Unable to execute HTTP request: Connection reset")))
                .isEqualTo("SdkClientException: Unable to execute HTTP request: Connection reset");
    }

    @Test
    void isRetryable_throttlingFiveHundredsAndIo_trueOtherwiseFalse() {
        assertThat(AwsErrors.isRetryable(service(400, "ThrottlingException", "Rate exceeded"))).isTrue();
        assertThat(AwsErrors.isThrottling(service(503, "SlowDown", "Please reduce your request rate."))).isTrue();
        assertThat(AwsErrors.isRetryable(service(500, "InternalFailure", ""))).isTrue();
        assertThat(AwsErrors.isRetryable(service(400, "AccessDeniedException", ""))).isFalse();
        assertThat(AwsErrors.isRetryable(SdkClientException.builder().message("reset")
                .cause(new java.io.IOException("Connection reset")).build())).isTrue();
        assertThat(AwsErrors.isRetryable(new IllegalStateException("bug"))).isFalse();
    }
}
