package io.scalewatch.aws.access;

import java.io.IOException;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Safe descriptions of AWS SDK errors for logs and exception messages. An AWS error message can quote
 * request material (S3's SignatureDoesNotMatch names the access key id; a proxy may echo headers), so every
 * message scalewatch builds from one goes through {@link #scrub(String)}: access key ids, and any run of 40
 * or more base64 characters (secret keys are 40, session tokens hundreds), are replaced. Collectors never
 * chain the SDK exception as a cause for the same reason: its message would be printed unscrubbed.
 */
public final class AwsErrors {
    private static final Pattern ACCESS_KEY_ID = Pattern.compile("\\b(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{12,124}\\b");
    // 40+ base64 characters with upper case, lower case and a digit: secret keys and session tokens, not ARNs
    private static final String B64 = "[A-Za-z0-9/+=]";
    private static final Pattern LONG_BASE64 = Pattern.compile(
            "(?=" + B64 + "*[A-Z])(?=" + B64 + "*[a-z])(?=" + B64 + "*[0-9])" + B64 + "{40,}");
    private static final int MAX_INPUT = 4096;
    private static final Pattern SIGNATURE_FIELDS = Pattern.compile(
            "(?i)(Credential=|Signature=|X-Amz-Security-Token[=:]\\s*|X-Amz-Credential[=:]\\s*)[^\\s,&\"']+");
    private static final int MAX_MESSAGE = 500;
    private static final Set<String> THROTTLING_CODES = Set.of("throttling", "throttlingexception",
            "throttledexception", "requestthrottledexception", "toomanyrequestsexception",
            "requestlimitexceeded", "slowdown", "provisionedthroughputexceededexception", "ratelimitexceeded");

    private AwsErrors() {}

    /** The text with access key ids, signature fields and long base64 runs replaced by markers. */
    public static String scrub(String text) {
        if (text == null) {
            return "";
        }
        String in = text.length() > MAX_INPUT ? text.substring(0, MAX_INPUT) : text;
        String out = SIGNATURE_FIELDS.matcher(in).replaceAll("$1<redacted>");
        out = ACCESS_KEY_ID.matcher(out).replaceAll("<access-key-id>");
        out = LONG_BASE64.matcher(out).replaceAll("<redacted>");
        StringBuilder printable = new StringBuilder(Math.min(out.length(), MAX_MESSAGE + 3));
        for (int i = 0; i < out.length() && printable.length() < MAX_MESSAGE; i++) {
            char c = out.charAt(i);
            printable.append(Character.isISOControl(c) ? ' ' : c);
        }
        if (out.length() > MAX_MESSAGE || in.length() < text.length()) {
            printable.append("...");
        }
        return printable.toString();
    }

    /**
     * What went wrong, safe to log: {@code <ErrorCode> (HTTP <status>, request <id>): <scrubbed message>} for
     * a service error, {@code <exception type>: <scrubbed message>} otherwise.
     */
    public static String describe(Throwable error) {
        Objects.requireNonNull(error, "error");
        if (error instanceof AwsServiceException service) {
            AwsErrorDetails details = service.awsErrorDetails();
            String code = details == null || details.errorCode() == null ? "UnknownError" : details.errorCode();
            String message = details == null || details.errorMessage() == null ? "" : details.errorMessage();
            String requestId = service.requestId() == null ? "" : ", request " + scrub(service.requestId());
            return scrub(code) + " (HTTP " + service.statusCode() + requestId + "): " + scrub(message);
        }
        return error.getClass().getSimpleName() + ": " + scrub(error.getMessage());
    }

    /** The error code of a service error, empty for anything else. */
    public static String errorCode(Throwable error) {
        if (error instanceof AwsServiceException service && service.awsErrorDetails() != null
                && service.awsErrorDetails().errorCode() != null) {
            return service.awsErrorDetails().errorCode();
        }
        return "";
    }

    /** True for throttling: a throttling error code, HTTP 429, or S3's 503 SlowDown. */
    public static boolean isThrottling(Throwable error) {
        if (error instanceof AwsServiceException service) {
            return service.isThrottlingException() || service.statusCode() == 429
                    || THROTTLING_CODES.contains(errorCode(error).toLowerCase(Locale.ROOT));
        }
        return false;
    }

    /**
     * True when trying again may succeed: throttling, a 5xx answer, or a client-side failure (connection
     * reset, timeout) that is not a configuration error.
     */
    public static boolean isRetryable(Throwable error) {
        if (isThrottling(error)) {
            return true;
        }
        if (error instanceof AwsServiceException service) {
            return service.statusCode() >= 500;
        }
        return error instanceof SdkClientException client && client.retryable()
                || error instanceof SdkClientException && error.getCause() instanceof IOException;
    }

    /** True for an SDK error (service or client). */
    public static boolean isSdkError(Throwable error) {
        return error instanceof SdkException;
    }
}
