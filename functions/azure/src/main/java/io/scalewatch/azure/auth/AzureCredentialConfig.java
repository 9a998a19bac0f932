package io.scalewatch.azure.auth;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How scalewatch signs in to Entra ID as its own app registration (client credentials flow).
 *
 * @param tenantId the directory (tenant) id, a GUID
 * @param clientId the application (client) id of scalewatch's app registration, a GUID
 * @param method client secret, PEM certificate (certificate and private key in one secret), or base64 PFX
 * @param secretId the Secrets Manager id (ARN or name) of the secret / certificate
 * @param jsonKey when the secret is a JSON object, the field holding the value; empty when the secret is the value
 * @param pfxPasswordSecretId for {@link Method#CERTIFICATE_PFX}, the secret holding the PFX password; empty for none
 * @param authorityHost the Entra authority ({@code https://login.microsoftonline.com/}; sovereign clouds differ)
 * @param instanceDiscovery whether MSAL checks the authority with Entra's instance discovery (on by default; off only
 *     for an authority Entra's discovery does not know, such as a private or loopback one)
 */
public record AzureCredentialConfig(String tenantId, String clientId, Method method, String secretId, String jsonKey,
        String pfxPasswordSecretId, URI authorityHost, boolean instanceDiscovery) {
    /** Entra's public-cloud authority. */
    public static final URI PUBLIC_CLOUD = URI.create("https://login.microsoftonline.com/");
    private static final Pattern GUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** How the app proves who it is. */
    public enum Method {
        /** A client secret ({@code ClientSecretCredential}). */
        CLIENT_SECRET,
        /** A PEM certificate with its private key ({@code ClientCertificateCredential}). */
        CERTIFICATE_PEM,
        /** A PKCS#12 (PFX) file, base64-encoded in the secret ({@code ClientCertificateCredential}). */
        CERTIFICATE_PFX
    }

    public AzureCredentialConfig {
        tenantId = guid(tenantId, "tenantId");
        clientId = guid(clientId, "clientId");
        Objects.requireNonNull(method, "method");
        if (secretId == null || secretId.isBlank()) {
            throw new IllegalArgumentException("secretId must name the Secrets Manager secret (ARN or name)");
        }
        jsonKey = Objects.requireNonNullElse(jsonKey, "");
        pfxPasswordSecretId = Objects.requireNonNullElse(pfxPasswordSecretId, "");
        if (!pfxPasswordSecretId.isEmpty() && method != Method.CERTIFICATE_PFX) {
            throw new IllegalArgumentException("pfxPasswordSecretId is only used with CERTIFICATE_PFX, not " + method);
        }
        authorityHost = Objects.requireNonNullElse(authorityHost, PUBLIC_CLOUD);
        if (!"https".equalsIgnoreCase(authorityHost.getScheme()) || authorityHost.getHost() == null) {
            throw new IllegalArgumentException("authorityHost must be an https URL, got " + authorityHost);
        }
    }

    /** Sign in with a client secret held in {@code secretId}. */
    public static AzureCredentialConfig clientSecret(String tenantId, String clientId, String secretId) {
        return new AzureCredentialConfig(tenantId, clientId, Method.CLIENT_SECRET, secretId, "", "", PUBLIC_CLOUD,
                true);
    }

    /** Sign in with a PEM certificate and private key held in {@code secretId}. */
    public static AzureCredentialConfig certificatePem(String tenantId, String clientId, String secretId) {
        return new AzureCredentialConfig(tenantId, clientId, Method.CERTIFICATE_PEM, secretId, "", "", PUBLIC_CLOUD,
                true);
    }

    /** Sign in with a base64 PFX held in {@code secretId}, its password (if any) in {@code passwordSecretId}. */
    public static AzureCredentialConfig certificatePfx(String tenantId, String clientId, String secretId,
            String passwordSecretId) {
        return new AzureCredentialConfig(tenantId, clientId, Method.CERTIFICATE_PFX, secretId, "", passwordSecretId,
                PUBLIC_CLOUD, true);
    }

    /** This config reading the value from field {@code key} of a JSON secret. */
    public AzureCredentialConfig withJsonKey(String key) {
        return new AzureCredentialConfig(tenantId, clientId, method, secretId, key, pfxPasswordSecretId, authorityHost,
                instanceDiscovery);
    }

    /** This config with another Entra authority (sovereign clouds; tests). */
    public AzureCredentialConfig withAuthorityHost(URI host) {
        return new AzureCredentialConfig(tenantId, clientId, method, secretId, jsonKey, pfxPasswordSecretId, host,
                instanceDiscovery);
    }

    /**
     * This config without Entra instance discovery: for an authority Entra's discovery cannot vouch for (a private
     * or loopback token endpoint). MSAL then trusts the authority host as configured.
     */
    public AzureCredentialConfig withInstanceDiscoveryDisabled() {
        return new AzureCredentialConfig(tenantId, clientId, method, secretId, jsonKey, pfxPasswordSecretId,
                authorityHost, false);
    }

    private static String guid(String value, String field) {
        if (value == null || !GUID.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be a GUID (8-4-4-4-12 hex digits), got '"
                    + (value == null ? "" : value.replaceAll("[^\\x20-\\x7e]", "?")) + "'");
        }
        return value.toLowerCase(Locale.ROOT);
    }
}
