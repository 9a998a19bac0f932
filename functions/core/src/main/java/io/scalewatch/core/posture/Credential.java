package io.scalewatch.core.posture;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A long-lived credential of the watched identity: an AWS access key, a GCP user-managed service-account
 * key, an Azure client secret or certificate. Holds identifiers and dates only, never key material.
 *
 * @param type {@code access_key}, {@code service_account_key}, {@code client_secret} or {@code certificate}
 * @param id key id / key name / credential key id
 * @param status {@code Active}, {@code Inactive}, or empty where the source does not say
 */
public record Credential(String type, String id, Instant created, String status) {
    public Credential {
        Objects.requireNonNull(type, "type");
        id = Objects.requireNonNullElse(id, "");
        status = Objects.requireNonNullElse(status, "");
    }

    /** When the credential was created, if the source says. */
    public Optional<Instant> createdAt() {
        return Optional.ofNullable(created);
    }
}
