package io.scalewatch.aws.access;

import java.util.Objects;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Reads secrets of the function's own account from AWS Secrets Manager ({@code GetSecretValue}, the current
 * version's {@code SecretString}) for the GCP and Azure handlers: a service-account key, an Entra client secret or
 * certificate. The value is returned and nothing else: never logged, never in a message; errors name the secret id
 * and the service's error code.
 */
public final class SecretsManagerSecrets {
    /** A secret name ({@code [A-Za-z0-9/_+=.@-]}, at most 512) or a secret ARN. */
    private static final Pattern SECRET_ID = Pattern.compile("[A-Za-z0-9/_+=.@:-]{1,2048}");

    private final SecretsManagerClient client;

    /** Secrets read with {@code client} (the function's own credentials and region). */
    public SecretsManagerSecrets(SecretsManagerClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /** Whether {@code id} looks like a secret name or ARN (config validation). */
    public static boolean isSecretId(String id) {
        return id != null && SECRET_ID.matcher(id).matches();
    }

    /**
     * The secret's current {@code SecretString}.
     *
     * @throws SecretReadException when it cannot be read or holds no string (the message names the id only)
     */
    public String secretString(String secretId) {
        if (!isSecretId(secretId)) {
            throw new SecretReadException("'" + AwsErrors.scrub(String.valueOf(secretId)) + "' is not a Secrets"
                    + " Manager secret name or ARN");
        }
        String value;
        try {
            value = client.getSecretValue(b -> b.secretId(secretId)).secretString();
        } catch (SdkException e) {
            throw new SecretReadException("secret " + secretId + " cannot be read: " + AwsErrors.describe(e));
        }
        if (value == null || value.isEmpty()) {
            throw new SecretReadException("secret " + secretId + " holds no SecretString (a binary secret is not read)");
        }
        return value;
    }

    @Override
    public String toString() {
        return "SecretsManagerSecrets";
    }
}
