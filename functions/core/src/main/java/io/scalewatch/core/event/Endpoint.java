package io.scalewatch.core.event;

import java.util.Objects;

/** Where the call came from: source IP and user agent, empty when the log does not say. */
public record Endpoint(String ip, String userAgent) {
    /** Unknown source. */
    public static final Endpoint UNKNOWN = new Endpoint("", "");

    public Endpoint {
        ip = Objects.requireNonNullElse(ip, "");
        userAgent = Objects.requireNonNullElse(userAgent, "");
    }
}
