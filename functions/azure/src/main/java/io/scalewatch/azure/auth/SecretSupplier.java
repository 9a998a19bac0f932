package io.scalewatch.azure.auth;

/**
 * Where credentials come from: in the Lambda, AWS Secrets Manager's {@code GetSecretValue} (wired by the handler, so
 * this module needs no AWS SDK); in tests, a map. The value is never logged, printed or put in a message.
 */
@FunctionalInterface
public interface SecretSupplier {
    /**
     * The secret's text ({@code SecretString}) for an id (ARN or name).
     *
     * @throws RuntimeException when it cannot be read; its message must not quote the secret
     */
    String secretString(String secretId);
}
