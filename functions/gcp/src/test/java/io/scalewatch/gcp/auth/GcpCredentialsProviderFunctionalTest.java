package io.scalewatch.gcp.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.auth.oauth2.GoogleCredentials;
import io.scalewatch.core.posture.PostureLoadResult;
import io.scalewatch.gcp.posture.GcpIamPostureCollector;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Credentials from a service-account key secret and from workload identity federation (AWS), exchanged for tokens at
 * loopback endpoints speaking Google's OAuth, STS and IAM Credentials protocols and AWS's instance metadata service;
 * and what a run writes (stdout, stderr, logs, exception traces) never holds the key, its id or a token.
 */
class GcpCredentialsProviderFunctionalTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String KEY_ID = "f4ke5ca1e0a7c4d1b2e3f40516273849abcdef01";
    private static final String CLIENT_EMAIL = "scalewatch-reader@demo-project.iam.gserviceaccount.com";
    private static final String SA = "castai-gke@demo-project.iam.gserviceaccount.com";
    private static final String KEY_TOKEN = "ya29.c.from-service-account-key";
    private static final String CLOUD_PLATFORM = "https://www.googleapis.com/auth/cloud-platform";

    private final KeyPair key = rsaKey();
    private final String pem = pem(key);
    private TokenServers servers;
    private final List<String> assertions = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        servers = new TokenServers().route("POST /token", this::oauthToken);
    }

    @AfterEach
    void stop() {
        servers.close();
    }

    @Test
    void serviceAccountKey_fromSecret_signsAJwtGrantAndTheRunNeverWritesTheKeyItsIdOrTheToken() throws Exception {
        routePosture();
        String secret = keyJson(pem);
        PostureLoadResult posture;
        String text;
        try (OutputCapture out = new OutputCapture()) {
            GcpCredentialsProvider provider = GcpCredentialsProvider.serviceAccountKey(() -> secret, servers.transport());
            GoogleCredentials credentials = provider.credentials();
            posture = GcpIamPostureCollector.builder().credentials(credentials).resourceManagerUrl(servers.url())
                    .iamUrl(servers.url()).folders(List.of("folders/1234567890")).build().collect(SA);
            out.text(provider.toString());
            for (String bad : List.of("not json " + secret, secret.replace("service_account",
                    "authorized_user"), keyJson("-----BEGIN PRIVATE KEY-----\\nAAAA" + KEY_ID + "\\n-----END PRIVATE KEY-----\\n"))) {
                try {
                    GcpCredentialsProvider.serviceAccountKey(() -> bad, servers.transport()).credentials();
                } catch (GcpCredentialsException e) {
                    out.exception(e);
                }
            }
            GcpCredentialsProvider other = GcpCredentialsProvider.serviceAccountKey(() -> keyJson(pem(rsaKey())),
                    servers.transport());
            try {
                other.credentials().refresh();
            } catch (IOException e) {
                out.exception(e);
            }
            text = out.text();
        }

        assertThat(posture.postures()).hasSize(1);
        assertThat(servers.requests()).filteredOn(r -> r.path().startsWith("/v1/")).isNotEmpty()
                .allSatisfy(r -> assertThat(r.headers().get("authorization")).isEqualTo("Bearer " + KEY_TOKEN));
        JsonNode claims = claims(assertions.get(0));
        assertThat(claims.path("iss").asText()).isEqualTo(CLIENT_EMAIL);
        assertThat(claims.path("aud").asText()).isEqualTo("https://oauth2.googleapis.com/token");
        assertThat(servers.requests()).filteredOn(r -> r.path().equals("/token")).extracting(TokenServers.Request::host)
                .containsOnly("oauth2.googleapis.com");
        assertThat(claims.path("scope").asText()).isEqualTo(CLOUD_PLATFORM);
        // something was written (the posture collector logs its warning), and none of it is a secret
        assertThat(text).contains("event=posture_warning", "invalid_grant", "GcpCredentialsProvider[service_account]");
        assertThat(text).doesNotContain(KEY_ID, KEY_TOKEN).doesNotContain(assertions);
        for (String line : pem.split("\\\\n")) {
            if (!line.startsWith("-----")) {
                assertThat(text).doesNotContain(line);
            }
        }
    }

    @Test
    void serviceAccountKey_secretOfAnotherKind_isRefusedNamingOnlyTheType() {
        GcpCredentialsProvider provider = GcpCredentialsProvider.serviceAccountKey(
                () -> keyJson(pem).replace("\"service_account\"", "\"authorized_user\""));

        assertThatThrownBy(provider::credentials).isInstanceOf(GcpCredentialsException.class)
                .hasMessage("the service-account key secret has type 'authorized_user'; expected 'service_account'");
    }

    @Test
    void serviceAccountKey_notJson_isRefusedWithoutQuotingIt() {
        GcpCredentialsProvider provider = GcpCredentialsProvider.serviceAccountKey(() -> "private_key_id=" + KEY_ID);

        assertThatThrownBy(provider::credentials).isInstanceOf(GcpCredentialsException.class)
                .hasMessage("the service-account key secret is not JSON");
    }

    @Test
    void serviceAccountKey_corruptPrivateKey_isRefusedByTheLibraryWithoutQuotingIt() {
        GcpCredentialsProvider provider = GcpCredentialsProvider.serviceAccountKey(
                () -> keyJson("-----BEGIN PRIVATE KEY-----\\nAAAA\\n-----END PRIVATE KEY-----\\n"));

        assertThatThrownBy(provider::credentials).isInstanceOf(GcpCredentialsException.class)
                .hasMessageStartingWith("the service-account key secret was refused by google-auth-library (")
                .hasMessageNotContaining("AAAA");
    }

    @Test
    void serviceAccountKey_secretStoreFails_isReportedAndReadAgainNextTime() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        String secret = keyJson(pem);
        GcpCredentialsProvider provider = GcpCredentialsProvider.serviceAccountKey(() -> {
            if (reads.incrementAndGet() == 1) {
                throw new IllegalStateException("ThrottlingException: Rate exceeded for " + secret);
            }
            return secret;
        }, servers.transport());

        assertThatThrownBy(provider::credentials).isInstanceOf(GcpCredentialsException.class)
                .hasMessage("reading the service-account key secret failed: IllegalStateException");
        GoogleCredentials credentials = provider.credentials();
        credentials.refresh();

        assertThat(reads).hasValue(2);
        assertThat(credentials.getRequestMetadata(URI.create("https://logging.googleapis.com/")))
                .containsEntry("Authorization", List.of("Bearer " + KEY_TOKEN));
        assertThat(provider.credentials()).isSameAs(credentials);
        assertThat(reads).hasValue(2);
    }

    @Test
    void externalAccount_fromAws_exchangesASignedGetCallerIdentityAndImpersonates() throws Exception {
        String config = TokenServers.fixture("external-account-aws.json");
        String audience = MAPPER.readTree(config).path("audience").asText();
        servers.route("PUT /latest/api/token", r -> new TokenServers.Answer(200, "AQAEAimds-session-token"))
                .route("GET /latest/meta-data/placement/availability-zone", r -> new TokenServers.Answer(200, "us-east-1b"))
                .route("GET /latest/meta-data/iam/security-credentials",
                        r -> new TokenServers.Answer(200, "scalewatch-scanner"))
                .route("GET /latest/meta-data/iam/security-credentials/scalewatch-scanner",
                        r -> new TokenServers.Answer(200, TokenServers.fixture("imds-security-credentials.json")))
                .route("POST /v1/token", r -> new TokenServers.Answer(200, TokenServers.fixture("sts-token.json")))
                .route("POST /v1/projects/-/serviceAccounts/" + CLIENT_EMAIL + ":generateAccessToken",
                        r -> new TokenServers.Answer(200, TokenServers.fixture("generate-access-token.json")));
        JsonNode imds = MAPPER.readTree(TokenServers.fixture("imds-security-credentials.json"));
        String text;
        Map<String, List<String>> metadata;
        try (OutputCapture out = new OutputCapture()) {
            GcpCredentialsProvider provider = GcpCredentialsProvider.externalAccount(config, servers.transport());
            metadata = provider.credentials().getRequestMetadata(URI.create("https://logging.googleapis.com/"));
            out.text(provider.toString());
            text = out.text();
        }

        assertThat(metadata).containsEntry("Authorization", List.of("Bearer ya29.c.impersonated-scalewatch-reader"));
        TokenServers.Request sts = servers.requests().stream().filter(r -> r.path().equals("/v1/token")).findFirst()
                .orElseThrow();
        assertThat(sts.host()).isEqualTo("sts.googleapis.com");
        assertThat(servers.requests()).filteredOn(r -> r.path().startsWith("/latest/")).isNotEmpty()
                .extracting(TokenServers.Request::host).containsOnly("169.254.169.254");
        Map<String, String> form = sts.form();
        assertThat(form).containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange")
                .containsEntry("audience", audience)
                .containsEntry("subject_token_type", "urn:ietf:params:aws:token-type:aws4_request")
                .containsEntry("requested_token_type", "urn:ietf:params:oauth:token-type:access_token")
                .containsEntry("scope", CLOUD_PLATFORM);
        // the subject token is the signed request as URL-encoded JSON
        JsonNode subject = MAPPER.readTree(java.net.URLDecoder.decode(form.get("subject_token"), StandardCharsets.UTF_8));
        assertThat(subject.path("url").asText())
                .isEqualTo("https://sts.us-east-1.amazonaws.com?Action=GetCallerIdentity&Version=2011-06-15");
        assertThat(subject.path("method").asText()).isEqualTo("POST");
        Map<String, String> headers = new java.util.HashMap<>();
        subject.path("headers").forEach(h -> headers.put(h.path("key").asText().toLowerCase(java.util.Locale.ROOT),
                h.path("value").asText()));
        assertThat(headers.get("authorization")).startsWith("AWS4-HMAC-SHA256 Credential="
                + imds.path("AccessKeyId").asText() + "/").contains("/us-east-1/sts/aws4_request");
        assertThat(headers).containsEntry("x-goog-cloud-target-resource", audience)
                .containsEntry("x-amz-security-token", imds.path("Token").asText());
        TokenServers.Request impersonation = servers.requests().stream()
                .filter(r -> r.path().endsWith(":generateAccessToken")).findFirst().orElseThrow();
        assertThat(impersonation.host()).isEqualTo("iamcredentials.googleapis.com");
        assertThat(impersonation.headers().get("authorization")).isEqualTo("Bearer ya29.d.federated-sts-token");
        assertThat(MAPPER.readTree(impersonation.body()).path("scope").get(0).asText()).isEqualTo(CLOUD_PLATFORM);
        assertThat(servers.requests()).filteredOn(r -> r.path().startsWith("/latest/meta-data/")).allSatisfy(r ->
                assertThat(r.headers().get("x-aws-ec2-metadata-token")).isEqualTo("AQAEAimds-session-token"));
        assertThat(text).contains("GcpCredentialsProvider[external_account]").doesNotContain(
                imds.path("SecretAccessKey").asText(), imds.path("Token").asText(), "ya29.d.federated-sts-token",
                "ya29.c.impersonated-scalewatch-reader");
    }

    @Test
    void externalAccount_serviceAccountKeyGivenInstead_isRefused() {
        assertThatThrownBy(() -> GcpCredentialsProvider.externalAccount(keyJson(pem)))
                .isInstanceOf(GcpCredentialsException.class)
                .hasMessage("the external-account configuration has type 'service_account'; expected 'external_account'");
    }

    @Test
    void externalAccount_withoutCredentialSource_isRefused() throws Exception {
        JsonNode config = MAPPER.readTree(TokenServers.fixture("external-account-aws.json"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) config).remove("credential_source");

        assertThatThrownBy(() -> GcpCredentialsProvider.externalAccount(config.toString()))
                .isInstanceOf(GcpCredentialsException.class)
                .hasMessage("the external-account configuration has no credential_source");
    }

    // Google's token endpoint: a JWT-bearer grant, signed with the key of the fixture's private_key_id.
    private TokenServers.Answer oauthToken(TokenServers.Request request) {
        Map<String, String> form = request.form();
        String assertion = form.getOrDefault("assertion", "");
        assertions.add(assertion);
        boolean valid = form.getOrDefault("grant_type", "").equals("urn:ietf:params:oauth:grant-type:jwt-bearer")
                && verifies(assertion) && header(assertion).path("kid").asText().equals(KEY_ID);
        return valid ? new TokenServers.Answer(200, TokenServers.fixture("oauth-token.json"))
                : new TokenServers.Answer(400, TokenServers.fixture("oauth-invalid-grant.json"));
    }

    private boolean verifies(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            return false;
        }
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(key.getPublic());
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return rsa.verify(Base64.getUrlDecoder().decode(parts[2]));
        } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static JsonNode header(String jwt) {
        return part(jwt, 0);
    }

    private static JsonNode claims(String jwt) {
        return part(jwt, 1);
    }

    private static JsonNode part(String jwt, int index) {
        try {
            return MAPPER.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void routePosture() {
        String sa = "/v1/projects/-/serviceAccounts/" + SA;
        servers.route("POST /v1/projects/demo-project:getIamPolicy", r -> rest(200, "projects_demo-project.getIamPolicy.json"))
                .route("POST /v3/folders/1234567890:getIamPolicy", r -> rest(403, "error-403.json"))
                .route("POST " + sa + ":getIamPolicy", r -> rest(200, "serviceAccount.getIamPolicy.json"))
                .route("GET " + sa + "/keys", r -> rest(200, "serviceAccount.keys.json"))
                .route("GET /v1/projects/demo-project/roles/castaiNodeManager", r -> rest(200, "roles/castaiNodeManager.json"));
        for (String role : List.of("compute.instanceAdmin.v1", "container.admin", "editor", "iam.serviceAccountUser",
                "owner", "iam.serviceAccountTokenCreator", "iam.workloadIdentityUser")) {
            servers.route("GET /v1/roles/" + role, r -> rest(200, "roles/" + role + ".json"));
        }
    }

    private static TokenServers.Answer rest(int status, String fixture) {
        try (InputStream in = GcpCredentialsProviderFunctionalTest.class.getResourceAsStream("/gcp/rest/" + fixture)) {
            return new TokenServers.Answer(status, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String keyJson(String privateKey) {
        return TokenServers.fixture("service-account-key.json").replace("__PRIVATE_KEY__", privateKey);
    }

    private static KeyPair rsaKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // PKCS#8 PEM as a JSON string value: lines joined by an escaped newline, as in a downloaded key file.
    private static String pem(KeyPair pair) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(pair.getPrivate().getEncoded());
        return ("-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n").replace("\n", "\\n");
    }
}
