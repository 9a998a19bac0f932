package io.scalewatch.gcp.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.auth.http.HttpTransportFactory;
import com.google.auth.oauth2.ExternalAccountCredentials;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Google credentials for a scanner that runs outside Google Cloud (AWS Lambda), in order of preference:
 *
 * <ol>
 *   <li><b>Workload identity federation</b> ({@link #externalAccount}): the external-account configuration that
 *       {@code gcloud iam workload-identity-pools create-cred-config ... --aws} writes. No secret is involved: the
 *       Lambda's own AWS credentials (the runtime's {@code AWS_ACCESS_KEY_ID} / {@code AWS_SECRET_ACCESS_KEY} /
 *       {@code AWS_SESSION_TOKEN} and {@code AWS_REGION}; on EC2 the metadata server named in the configuration)
 *       sign a GetCallerIdentity request that Google's STS exchanges for a token, optionally impersonating a
 *       service account ({@code service_account_impersonation_url}).
 *   <li><b>A service-account key</b> ({@link #serviceAccountKey}) kept in a secret store (AWS Secrets Manager):
 *       the key JSON comes from a {@link Supplier} the Lambda wiring provides, so this module needs no AWS SDK. It
 *       is read when credentials are first needed and not kept as text.
 * </ol>
 *
 * <p>Both are scoped to {@code https://www.googleapis.com/auth/cloud-platform} (IAM's roles.get and
 * getIamPolicy accept no narrower scope); what the scanner may do is decided by its IAM roles (docs/gcp.md).
 * Neither the key, its id nor a token appears in a message, a log line or {@link #toString()}.
 *
 * <pre>{@code
 * GcpCredentialsProvider federation = GcpCredentialsProvider.externalAccount(Files.readString(configPath));
 * GcpCredentialsProvider key = GcpCredentialsProvider.serviceAccountKey(() -> secrets.getSecretValue(...).secretString());
 * GoogleCredentials credentials = federation.credentials();
 * }</pre>
 */
public final class GcpCredentialsProvider {
    /** The OAuth scope requested. */
    public static final List<String> SCOPES = List.of("https://www.googleapis.com/auth/cloud-platform");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Where the credentials come from. */
    public enum Kind {
        /** Workload identity federation (external account). */
        EXTERNAL_ACCOUNT("external_account"),
        /** A service-account key JSON from a secret store. */
        SERVICE_ACCOUNT_KEY("service_account");

        private final String type;

        Kind(String type) {
            this.type = type;
        }

        /** The credential file's {@code type}. */
        public String type() {
            return type;
        }
    }

    private final Kind kind;
    private final Supplier<String> json;
    private final HttpTransportFactory transport;
    private GoogleCredentials credentials;

    private GcpCredentialsProvider(Kind kind, Supplier<String> json, HttpTransportFactory transport) {
        this.kind = kind;
        this.json = json;
        this.transport = transport;
    }

    /**
     * Workload identity federation from an external-account configuration (not a secret: it holds URLs and the
     * pool's audience). The configuration is checked now.
     *
     * @throws GcpCredentialsException when it is not an external-account configuration
     */
    public static GcpCredentialsProvider externalAccount(String configJson) {
        return externalAccount(configJson, NetHttpTransport::new);
    }

    /**
     * As {@link #externalAccount(String)}, with the HTTP transport google-auth uses for the metadata server, STS
     * and impersonation (a proxy, or a loopback test server: google-auth only accepts Google's own token URLs).
     */
    public static GcpCredentialsProvider externalAccount(String configJson, HttpTransportFactory transport) {
        Objects.requireNonNull(configJson, "configJson");
        GcpCredentialsProvider provider = new GcpCredentialsProvider(Kind.EXTERNAL_ACCOUNT, () -> configJson,
                Objects.requireNonNull(transport, "transport"));
        provider.credentials();
        return provider;
    }

    /**
     * A service-account key JSON read from a secret store when first needed (and again after a failed read).
     *
     * @param secretJson returns the secret's text (the key file's JSON)
     */
    public static GcpCredentialsProvider serviceAccountKey(Supplier<String> secretJson) {
        return serviceAccountKey(secretJson, NetHttpTransport::new);
    }

    /** As {@link #serviceAccountKey(Supplier)}, with the HTTP transport google-auth uses for the token endpoint. */
    public static GcpCredentialsProvider serviceAccountKey(Supplier<String> secretJson, HttpTransportFactory transport) {
        return new GcpCredentialsProvider(Kind.SERVICE_ACCOUNT_KEY, Objects.requireNonNull(secretJson, "secretJson"),
                Objects.requireNonNull(transport, "transport"));
    }

    /** Where the credentials come from. */
    public Kind kind() {
        return kind;
    }

    /**
     * The scoped credentials, built once; they refresh their own tokens.
     *
     * @throws GcpCredentialsException when the source cannot be read or is not of its kind
     */
    public synchronized GoogleCredentials credentials() {
        if (credentials == null) {
            credentials = build();
        }
        return credentials;
    }

    private GoogleCredentials build() {
        String what = kind == Kind.EXTERNAL_ACCOUNT ? "external-account configuration" : "service-account key secret";
        String text;
        try {
            text = json.get();
        } catch (RuntimeException e) {
            // The supplier's own message may quote what it read: only its type is kept.
            throw new GcpCredentialsException("reading the " + what + " failed: " + e.getClass().getSimpleName());
        }
        if (text == null || text.isBlank()) {
            throw new GcpCredentialsException("the " + what + " is empty");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (IOException e) {
            throw new GcpCredentialsException("the " + what + " is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new GcpCredentialsException("the " + what + " is not a JSON object");
        }
        String type = root.path("type").isTextual() ? root.get("type").asText() : "";
        if (!type.equals(kind.type())) {
            throw new GcpCredentialsException("the " + what + " has type '" + shown(type) + "'; expected '"
                    + kind.type() + "'");
        }
        List<String> required = kind == Kind.EXTERNAL_ACCOUNT
                ? List.of("audience", "subject_token_type", "token_url")
                : List.of("client_email", "private_key", "private_key_id", "token_uri");
        for (String field : required) {
            if (!root.path(field).isTextual() || root.get(field).asText().isBlank()) {
                throw new GcpCredentialsException("the " + what + " has no " + field);
            }
        }
        if (kind == Kind.EXTERNAL_ACCOUNT && !root.path("credential_source").isObject()) {
            throw new GcpCredentialsException("the " + what + " has no credential_source");
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try {
            GoogleCredentials built = kind == Kind.EXTERNAL_ACCOUNT
                    ? ExternalAccountCredentials.fromStream(new ByteArrayInputStream(bytes), transport)
                    : ServiceAccountCredentials.fromStream(new ByteArrayInputStream(bytes), transport);
            return built.createScoped(SCOPES);
        } catch (IOException | RuntimeException e) {
            // google-auth's messages name fields, but a parse error could echo input: only the type is kept.
            throw new GcpCredentialsException("the " + what + " was refused by google-auth-library ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static String shown(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length() && i < 40; i++) {
            char c = value.charAt(i);
            out.append(Character.isLetterOrDigit(c) || c == '_' || c == '-' ? c : '?');
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "GcpCredentialsProvider[" + kind.type() + "]";
    }
}
