package io.scalewatch.core.baseline;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Bounds of a baseline, so its size stays flat however long the identity runs: at most
 * {@code maxKeysPerDimension} values per dimension (the least recently seen go first), and values not seen for
 * {@code retentionDays} are forgotten. Read from the deployment settings' {@code baseline} object
 * ({@code max_keys_per_dimension}, {@code retention_days}); the defaults are those of
 * {@code policies/scalewatch/config/data.json} ({@code defaults.baseline}).
 */
public record BaselineSettings(int maxKeysPerDimension, int retentionDays) {
    /** 500 values per dimension, 90 days. */
    public static final BaselineSettings DEFAULT = new BaselineSettings(500, 90);

    public BaselineSettings {
        if (maxKeysPerDimension < 1 || maxKeysPerDimension > 100_000) {
            throw new IllegalArgumentException("baseline max_keys_per_dimension must be within 1..100000, got "
                    + maxKeysPerDimension);
        }
        if (retentionDays < 1 || retentionDays > 3660) {
            throw new IllegalArgumentException("baseline retention_days must be within 1..3660, got " + retentionDays);
        }
    }

    /**
     * The bounds in a deployment's settings overrides ({@code input.config}); the defaults for what they leave out.
     *
     * @throws IllegalArgumentException naming the setting that is not a whole number in range
     */
    public static BaselineSettings from(JsonNode settings) {
        JsonNode baseline = settings == null ? null : settings.get("baseline");
        if (baseline == null || baseline.isNull()) {
            return DEFAULT;
        }
        if (!baseline.isObject()) {
            throw new IllegalArgumentException("setting 'baseline' must be an object, got " + baseline.getNodeType());
        }
        return new BaselineSettings(integer(baseline, "max_keys_per_dimension", DEFAULT.maxKeysPerDimension),
                integer(baseline, "retention_days", DEFAULT.retentionDays));
    }

    private static int integer(JsonNode baseline, String field, int fallback) {
        JsonNode value = baseline.get(field);
        if (value == null) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new IllegalArgumentException("setting 'baseline." + field + "' must be a whole number, got "
                    + value);
        }
        return value.intValue();
    }

    /** The retention in epoch milliseconds. */
    public long retentionMs() {
        return retentionDays * 86_400_000L;
    }
}
