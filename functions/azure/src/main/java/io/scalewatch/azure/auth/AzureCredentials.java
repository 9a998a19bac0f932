package io.scalewatch.azure.auth;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.identity.ClientCertificateCredentialBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Builds scalewatch's Entra ID credential (azure-identity's {@code ClientSecretCredential} or
 * {@code ClientCertificateCredential}) from a secret read through a {@link SecretSupplier}: once, at container start,
 * so a warm Lambda neither reads the secret again nor asks Entra for a token it still holds.
 *
 * <pre>{@code
 * TokenCredential credential = AzureCredentials.create(
 *         AzureCredentialConfig.clientSecret(tenantId, clientId, "arn:aws:secretsmanager:...:secret:scalewatch-azure"),
 *         secretsManager::secretString, AzureClients.httpClient());
 * }</pre>
 */
public final class AzureCredentials {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PEM_CERTIFICATE = Pattern.compile("-----BEGIN CERTIFICATE-----");
    private static final Pattern PEM_KEY = Pattern.compile("-----BEGIN (RSA |EC |ENCRYPTED )?PRIVATE KEY-----");

    private AzureCredentials() {}

    /**
     * The credential the config describes.
     *
     * @param httpClient the client for Entra's token endpoint (the module's shared one)
     * @throws AzureCredentialException when the secret cannot be read or is not of the configured form
     */
    public static TokenCredential create(AzureCredentialConfig config, SecretSupplier secrets, HttpClient httpClient) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(httpClient, "httpClient");
        String value = read(config, secrets, config.secretId(), config.jsonKey());
        String authority = config.authorityHost().toString();
        return switch (config.method()) {
            case CLIENT_SECRET -> {
                ClientSecretCredentialBuilder builder = new ClientSecretCredentialBuilder().tenantId(config.tenantId())
                        .clientId(config.clientId()).clientSecret(value).authorityHost(authority)
                        .httpClient(httpClient);
                if (!config.instanceDiscovery()) {
                    builder.disableInstanceDiscovery();
                }
                yield builder.build();
            }
            case CERTIFICATE_PEM -> {
                if (!PEM_CERTIFICATE.matcher(value).find() || !PEM_KEY.matcher(value).find()) {
                    throw new AzureCredentialException(describe(config) + ": secret " + config.secretId() + " must hold"
                            + " a PEM certificate (-----BEGIN CERTIFICATE-----) and its private key"
                            + " (-----BEGIN PRIVATE KEY-----)");
                }
                ClientCertificateCredentialBuilder builder = new ClientCertificateCredentialBuilder()
                        .tenantId(config.tenantId()).clientId(config.clientId())
                        .pemCertificate(new ByteArrayInputStream(value.getBytes(StandardCharsets.US_ASCII)))
                        .authorityHost(authority).httpClient(httpClient);
                if (!config.instanceDiscovery()) {
                    builder.disableInstanceDiscovery();
                }
                yield builder.build();
            }
            case CERTIFICATE_PFX -> {
                byte[] pfx;
                try {
                    pfx = Base64.getMimeDecoder().decode(value.trim());
                } catch (IllegalArgumentException e) {
                    throw new AzureCredentialException(describe(config) + ": secret " + config.secretId()
                            + " must hold a base64-encoded PFX (PKCS#12) file");
                }
                ClientCertificateCredentialBuilder builder = new ClientCertificateCredentialBuilder()
                        .tenantId(config.tenantId()).clientId(config.clientId())
                        .pfxCertificate(new ByteArrayInputStream(pfx)).authorityHost(authority).httpClient(httpClient);
                if (!config.instanceDiscovery()) {
                    builder.disableInstanceDiscovery();
                }
                if (!config.pfxPasswordSecretId().isEmpty()) {
                    builder.clientCertificatePassword(read(config, secrets, config.pfxPasswordSecretId(), ""));
                }
                yield builder.build();
            }
        };
    }

    private static String read(AzureCredentialConfig config, SecretSupplier secrets, String secretId, String jsonKey) {
        String text;
        try {
            text = secrets.secretString(secretId);
        } catch (RuntimeException e) {
            throw new AzureCredentialException(describe(config) + ": secret " + secretId + " could not be read ("
                    + e.getClass().getSimpleName() + "); scalewatch's role needs secretsmanager:GetSecretValue on it");
        }
        if (text == null || text.isBlank()) {
            throw new AzureCredentialException(describe(config) + ": secret " + secretId + " is empty");
        }
        if (jsonKey.isEmpty()) {
            return text;
        }
        JsonNode json;
        try {
            json = JSON.readTree(text);
        } catch (IOException e) {
            throw new AzureCredentialException(describe(config) + ": secret " + secretId + " is not a JSON object,"
                    + " but field '" + jsonKey + "' was configured");
        }
        JsonNode field = json == null ? null : json.get(jsonKey);
        if (field == null || !field.isTextual() || field.textValue().isBlank()) {
            throw new AzureCredentialException(describe(config) + ": secret " + secretId + " has no non-empty string"
                    + " field '" + jsonKey + "'");
        }
        return field.textValue();
    }

    private static String describe(AzureCredentialConfig config) {
        return "Azure credential (tenant " + config.tenantId() + ", client " + config.clientId() + ", "
                + config.method() + ")";
    }
}
