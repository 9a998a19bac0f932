package io.scalewatch.azure;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Safe error text and throttling hints from Azure answers. Service and identity-library messages can quote
 * request material (a token endpoint may echo a form field, a proxy the Authorization header), so every message
 * scalewatch builds from one goes through {@link #scrub}: bearer tokens, JWTs, {@code client_secret} /
 * {@code client_assertion} values and long runs of secret-like characters are replaced; GUIDs (tenant, object,
 * workspace ids) are kept, since they name what failed and are not secrets.
 */
public final class AzureErrors {
    /** What replaces a scrubbed value. */
    public static final String REDACTED = "[redacted]";
    private static final int MAX_MESSAGE = 400;
    private static final Pattern ERROR_CODE = Pattern.compile("\\\\?\"code\\\\?\"\\s*:\\s*\\\\?\"([^\"\\\\]{1,100})");
    private static final Pattern ERROR_MESSAGE =
            Pattern.compile("\\\\?\"message\\\\?\"\\s*:\\s*\\\\?\"([^\"\\\\]{1,300})");
    private static final Pattern GUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]+");
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]*)?");
    private static final Pattern FORM_SECRET = Pattern.compile(
            "(?i)((?:client_secret|client_assertion|access_token|refresh_token|password|secret)"
                    + "[\"']?\\s*[=:]\\s*[\"']?)[^\\s&\"',}]+");
    // Entra client secrets are ~40 characters of [A-Za-z0-9~._-]; keys and tokens are longer base64.
    private static final Pattern SECRET_RUN = Pattern.compile("[A-Za-z0-9~._+/=-]{16,}");

    private AzureErrors() {}

    /** {@code text} with credentials replaced, control characters dropped, at most 400 characters. */
    public static String scrub(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String out = BEARER.matcher(text).replaceAll("$1" + REDACTED);
        out = JWT.matcher(out).replaceAll(REDACTED);
        out = FORM_SECRET.matcher(out).replaceAll("$1" + REDACTED);
        Matcher runs = SECRET_RUN.matcher(out);
        StringBuilder kept = new StringBuilder();
        while (runs.find()) {
            runs.appendReplacement(kept, Matcher.quoteReplacement(secretLike(runs.group()) ? REDACTED : runs.group()));
        }
        runs.appendTail(kept);
        StringBuilder clean = new StringBuilder();
        kept.codePoints().forEach(c -> clean.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        String result = clean.toString().trim();
        return result.length() > MAX_MESSAGE ? result.substring(0, MAX_MESSAGE) + "..." : result;
    }

    // A run is secret-like when one of its path segments (GUIDs removed) is 16+ characters and holds '~' (Entra
    // client secrets do) or has a dot-separated part of 16+ characters mixing upper case, lower case and digits
    // (base64 keys and tokens). Resource ids, dotted provider and class names and URLs stay readable.
    private static boolean secretLike(String run) {
        for (String segment : GUID.matcher(run).replaceAll("").split("/")) {
            if (segment.length() < 16) {
                continue;
            }
            boolean upper = false;
            boolean lower = false;
            boolean digit = false;
            for (int i = 0; i < segment.length(); i++) {
                char c = segment.charAt(i);
                upper |= Character.isUpperCase(c);
                lower |= Character.isLowerCase(c);
                digit |= Character.isDigit(c);
            }
            if (segment.indexOf('~') >= 0 || upper && lower && digit && mixedPart(segment)) {
                return true;
            }
        }
        return false;
    }

    // Dotted names (com.microsoft.aad.msal4j.MsalServiceException) mix cases and digits only across their parts.
    private static boolean mixedPart(String segment) {
        for (String part : segment.split("\\.")) {
            if (part.length() >= 16 && part.chars().anyMatch(Character::isUpperCase)
                    && part.chars().anyMatch(Character::isLowerCase) && part.chars().anyMatch(Character::isDigit)) {
                return true;
            }
        }
        return false;
    }

    /** A one-line description of a failure: type, HTTP status where there is one, and the scrubbed message. */
    public static String describe(Throwable failure) {
        if (failure instanceof HttpResponseException http && http.getResponse() != null) {
            // azure-core's message is 'Status code 429, "<body>"': the service's error code and message say more
            String message = firstLine(http.getMessage());
            Matcher code = ERROR_CODE.matcher(message);
            Matcher text = ERROR_MESSAGE.matcher(message);
            String detail = code.find() ? code.group(1) + (text.find() ? ": " + text.group(1) : "") : message;
            return "HTTP " + http.getResponse().getStatusCode() + " " + scrub(detail);
        }
        Throwable timeout = timeoutCause(failure);
        if (timeout != null) {
            return "timeout (" + timeout.getClass().getSimpleName() + ")";
        }
        return failure.getClass().getSimpleName() + ": " + scrub(firstLine(failure.getMessage()));
    }

    /** The HTTP status of a failed service call, or -1 when it got no HTTP answer. */
    public static int status(Throwable failure) {
        return failure instanceof HttpResponseException http && http.getResponse() != null
                ? http.getResponse().getStatusCode() : -1;
    }

    /** True when the failure is (or was caused by) a client-side timeout. */
    public static boolean isTimeout(Throwable failure) {
        return timeoutCause(failure) != null;
    }

    private static Throwable timeoutCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.util.concurrent.TimeoutException || t instanceof java.net.SocketTimeoutException
                    || t.getClass().getSimpleName().contains("Timeout")) {
                return t;
            }
        }
        return null;
    }

    /**
     * The wait a 429 / 503 answer asks for: {@code retry-after-ms}, {@code x-ms-retry-after-ms}, or
     * {@code Retry-After} in seconds or as an HTTP date; empty when none is stated or it does not parse.
     */
    public static Optional<Duration> retryAfter(HttpResponse response, Clock clock) {
        return response == null ? Optional.empty() : retryAfter(response.getHeaders(), clock);
    }

    /** As {@link #retryAfter(HttpResponse, Clock)}, from the headers. */
    public static Optional<Duration> retryAfter(HttpHeaders headers, Clock clock) {
        for (String name : new String[] {"retry-after-ms", "x-ms-retry-after-ms"}) {
            String value = headers.getValue(name);
            if (value != null && value.trim().matches("\\d{1,9}")) {
                return Optional.of(Duration.ofMillis(Long.parseLong(value.trim())));
            }
        }
        String value = headers.getValue("Retry-After");
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.trim();
        if (v.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
        }
        if (v.matches("\\d{1,9}\\.\\d{1,9}")) {
            return Optional.of(Duration.ofMillis((long) (Double.parseDouble(v) * 1000)));
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(clock.instant(), at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
