package io.scalewatch.gcp.posture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.client.http.ByteArrayContent;
import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.HttpContent;
import com.google.api.client.http.HttpRequest;
import com.google.api.client.http.HttpRequestFactory;
import com.google.api.client.http.HttpResponse;
import com.google.auth.Retryable;
import io.scalewatch.gcp.collect.RetryPolicy;
import io.scalewatch.gcp.collect.Sleeper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.function.DoubleSupplier;

/**
 * JSON over HTTPS to Google REST APIs through google-http-client (the request factory carries the credentials),
 * with retries on 429 and 5xx (exponential backoff, full jitter, at least the server's {@code Retry-After}) and on
 * I/O failures. Answers are parsed with Jackson; Google's error body ({@code {"error": {"code", "message",
 * "status"}}}) becomes a short, printable description.
 */
final class GcpRest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<Integer> RETRYABLE = Set.of(429, 500, 502, 503, 504);
    /** Role definitions of roles/owner run to a few hundred KiB; anything near this is not an IAM answer. */
    private static final int MAX_BODY_BYTES = 32 * 1024 * 1024;
    private static final int MAX_MESSAGE_CHARS = 200;

    /** An answer: HTTP status, the JSON body on success, the error's status and message otherwise. */
    record Response(int status, JsonNode body, String error) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final HttpRequestFactory requests;
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final DoubleSupplier jitter;
    private final Duration timeout;
    private int calls;
    private int retries;

    GcpRest(HttpRequestFactory requests, RetryPolicy policy, Sleeper sleeper, DoubleSupplier jitter, Duration timeout) {
        this.requests = Objects.requireNonNull(requests, "requests");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.jitter = Objects.requireNonNull(jitter, "jitter");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** POST with a JSON body ("" for none). */
    Response post(String what, String url, String json) {
        return call(what, "POST", url, json);
    }

    /** GET. */
    Response get(String what, String url) {
        return call(what, "GET", url, null);
    }

    synchronized int calls() {
        return calls;
    }

    synchronized int retries() {
        return retries;
    }

    private synchronized Response call(String what, String method, String url, String json) {
        for (int attempt = 1; ; attempt++) {
            calls++;
            Response response;
            Duration hint = Duration.ZERO;
            String failure;
            try {
                HttpContent content = json == null ? null
                        : new ByteArrayContent("application/json", json.getBytes(StandardCharsets.UTF_8));
                HttpRequest request = requests.buildRequest(method, new GenericUrl(url), content);
                request.setThrowExceptionOnExecuteError(false);
                // google-http-client logs headers and bodies at CONFIG level; nothing of a call is logged.
                request.setLoggingEnabled(false);
                request.setCurlLoggingEnabled(false);
                request.setConnectTimeout((int) timeout.toMillis());
                request.setReadTimeout((int) timeout.toMillis());
                request.getHeaders().setAccept("application/json");
                HttpResponse http = request.execute();
                try {
                    response = response(what, http);
                    hint = retryAfter(http.getHeaders().getRetryAfter());
                } finally {
                    http.disconnect();
                }
                if (!RETRYABLE.contains(response.status())) {
                    return response;
                }
                failure = "HTTP " + response.status() + " " + response.error();
            } catch (IOException e) {
                // google-auth's token failures are IOExceptions that say whether a retry may help.
                if (e instanceof Retryable auth) {
                    String reason = "no access token (" + printable(String.valueOf(e.getMessage())) + ")";
                    if (!auth.isRetryable()) {
                        throw new GcpPostureException(what + ": " + reason);
                    }
                    failure = reason;
                } else {
                    failure = e.getClass().getSimpleName();
                }
            }
            if (attempt >= policy.maxAttempts()) {
                throw new GcpPostureException(what + " failed " + attempt + " times, last: " + failure);
            }
            retries++;
            Duration wait = policy.backoff(attempt, Math.min(Math.max(jitter.getAsDouble(), 0), 0.999_999), hint);
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GcpPostureException("interrupted while waiting to retry " + what);
            }
        }
    }

    private static Response response(String what, HttpResponse http) throws IOException {
        int status = http.getStatusCode();
        byte[] bytes = body(http);
        if (status >= 200 && status < 300) {
            JsonNode body;
            try {
                body = bytes.length == 0 ? MAPPER.createObjectNode() : MAPPER.readTree(bytes);
            } catch (IOException e) {
                throw new GcpPostureException(what + ": HTTP " + status + " answer is not JSON");
            }
            if (!body.isObject()) {
                throw new GcpPostureException(what + ": HTTP " + status + " answer is not a JSON object");
            }
            return new Response(status, body, "");
        }
        return new Response(status, null, error(bytes));
    }

    private static byte[] body(HttpResponse http) throws IOException {
        InputStream in = http.getContent();
        if (in == null) {
            return new byte[0];
        }
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[16384];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (out.size() + n > MAX_BODY_BYTES) {
                    throw new IOException("answer larger than " + MAX_BODY_BYTES + " bytes");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }

    // {"error": {"code": 403, "message": "...", "status": "PERMISSION_DENIED"}} -> "PERMISSION_DENIED (...)".
    private static String error(byte[] bytes) {
        try {
            JsonNode error = MAPPER.readTree(bytes).path("error");
            String status = error.path("status").asText("");
            String message = printable(error.path("message").asText(""));
            if (status.isEmpty() && message.isEmpty()) {
                return "(no Google error body)";
            }
            return (status.isEmpty() ? "" : printable(status) + " ") + "(" + message + ")";
        } catch (IOException e) {
            return "(no Google error body)";
        }
    }

    private static Duration retryAfter(String value) {
        if (value == null || !value.matches("\\d{1,6}")) {
            return Duration.ZERO;
        }
        return Duration.ofSeconds(Long.parseLong(value));
    }

    static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < MAX_MESSAGE_CHARS; i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? ' ' : c);
        }
        return text.length() > MAX_MESSAGE_CHARS ? out + "..." : out.toString();
    }
}
