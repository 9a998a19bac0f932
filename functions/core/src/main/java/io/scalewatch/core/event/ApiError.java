package io.scalewatch.core.event;

import java.util.Objects;

/** The error a call returned (CloudTrail errorCode, GCP status, Azure resultType/statusCode). */
public record ApiError(String code, String message) {
    /** No error. */
    public static final ApiError NONE = new ApiError("", "");

    public ApiError {
        code = Objects.requireNonNullElse(code, "");
        message = Objects.requireNonNullElse(message, "");
    }

    /** True when the call failed with a code or message. */
    public boolean present() {
        return !code.isEmpty() || !message.isEmpty();
    }
}
