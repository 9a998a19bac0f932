package io.scalewatch.core.event;

import java.util.Objects;

/**
 * Where an event happened: AWS account / GCP project / Azure subscription, and region or location.
 * Empty strings mean "not stated by the log".
 */
public record CloudLocation(CloudProvider provider, String account, String region) {
    public CloudLocation {
        Objects.requireNonNull(provider, "provider");
        account = Objects.requireNonNullElse(account, "");
        region = Objects.requireNonNullElse(region, "");
    }
}
