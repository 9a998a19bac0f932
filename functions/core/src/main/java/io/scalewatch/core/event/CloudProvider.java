package io.scalewatch.core.event;

import java.util.Locale;

/** The clouds scalewatch reads; {@link #id()} is the lowercase name used in policy input and outputs. */
public enum CloudProvider {
    AWS,
    GCP,
    AZURE;

    /** Lowercase identifier, e.g. {@code aws}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code aws|gcp|azure} in any case. */
    public static CloudProvider fromId(String id) {
        for (CloudProvider provider : values()) {
            if (provider.id().equalsIgnoreCase(id)) {
                return provider;
            }
        }
        throw new IllegalArgumentException("unknown cloud '" + id + "'; valid: aws, gcp, azure");
    }
}
