package io.scalewatch.gcp.collect;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.ErrorDetails;
import com.google.api.gax.rpc.StatusCode;
import com.google.rpc.RetryInfo;
import io.grpc.StatusRuntimeException;
import io.scalewatch.core.run.Deadline;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.DoubleSupplier;
import java.util.function.Function;

/**
 * Runs one Logging request with retries on quota and transient gRPC errors, giving up early when the deadline
 * is near. Each attempt gets a timeout that ends before the deadline's reserve.
 */
final class Retrier {
    /** gRPC codes worth another try: quota, a server or connection that is briefly away, a timed-out call. */
    static final Set<StatusCode.Code> RETRYABLE = EnumSet.of(StatusCode.Code.RESOURCE_EXHAUSTED,
            StatusCode.Code.UNAVAILABLE, StatusCode.Code.DEADLINE_EXCEEDED, StatusCode.Code.ABORTED,
            StatusCode.Code.INTERNAL);

    private static final int MAX_MESSAGE_CHARS = 200;

    /** Collecting must stop: the deadline is near or the retries are spent. Carries a safe reason. */
    static final class StopException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StopException(String reason) {
            super(reason, null, false, false);
        }
    }

    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final DoubleSupplier jitter;
    private final Deadline deadline;
    private final Duration reserve;
    private final Duration callTimeout;
    private int attempts;
    private int retries;

    Retrier(RetryPolicy policy, Sleeper sleeper, DoubleSupplier jitter, Deadline deadline, Duration reserve,
            Duration callTimeout) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.jitter = Objects.requireNonNull(jitter, "jitter");
        this.deadline = Objects.requireNonNull(deadline, "deadline");
        this.reserve = Objects.requireNonNull(reserve, "reserve");
        this.callTimeout = Objects.requireNonNull(callTimeout, "callTimeout");
    }

    /** True when less than the reserve is left. */
    boolean nearing() {
        return deadline.nearing(reserve);
    }

    /**
     * The result of {@code request} (given the attempt's timeout), retried on {@link #RETRYABLE} codes.
     *
     * @throws StopException when the deadline nears or the attempts are spent on retryable errors
     * @throws ApiException the first non-retryable error, as thrown
     */
    <T> T call(String what, Function<Duration, T> request) {
        for (int attempt = 1; ; attempt++) {
            Duration left = deadline.remaining().minus(reserve);
            if (left.isNegative() || left.isZero()) {
                throw new StopException("deadline: less than " + reserve + " left before " + what);
            }
            attempts++;
            try {
                return request.apply(left.compareTo(callTimeout) < 0 ? left : callTimeout);
            } catch (ApiException e) {
                StatusCode.Code code = e.getStatusCode().getCode();
                if (!RETRYABLE.contains(code)) {
                    throw e;
                }
                if (attempt >= policy.maxAttempts()) {
                    throw new StopException((code == StatusCode.Code.RESOURCE_EXHAUSTED ? "quota" : "unavailable")
                            + ": " + what + " failed " + attempt + " times, last: " + describe(e));
                }
                retries++;
                Duration wait = policy.backoff(attempt, Math.min(Math.max(jitter.getAsDouble(), 0), 0.999_999),
                        retryDelay(e));
                pause(wait, what);
            }
        }
    }

    private void pause(Duration wait, String what) {
        if (deadline.remaining().minus(wait).compareTo(reserve) < 0) {
            throw new StopException("deadline: waiting " + wait + " before retrying " + what + " would leave less than "
                    + reserve);
        }
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StopException("interrupted while waiting to retry " + what);
        }
    }

    /** Requests sent so far, retries included. */
    int attempts() {
        return attempts;
    }

    /** Retries made so far. */
    int retries() {
        return retries;
    }

    /** The server's RetryInfo delay (quota errors carry one), zero when absent. */
    static Duration retryDelay(ApiException e) {
        ErrorDetails details = e.getErrorDetails();
        RetryInfo info = details == null ? null : details.getRetryInfo();
        if (info == null || !info.hasRetryDelay()) {
            return Duration.ZERO;
        }
        return Duration.ofSeconds(info.getRetryDelay().getSeconds(), info.getRetryDelay().getNanos());
    }

    /** gRPC code and the server's message, printable and capped: no entry content, no credentials. */
    static String describe(ApiException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (e.getCause() instanceof StatusRuntimeException grpc && grpc.getStatus().getDescription() != null) {
            message = grpc.getStatus().getDescription();
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < message.length() && out.length() < MAX_MESSAGE_CHARS; i++) {
            char c = message.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? ' ' : c);
        }
        return e.getStatusCode().getCode() + " (" + out + (message.length() > MAX_MESSAGE_CHARS ? "...)" : ")");
    }
}
