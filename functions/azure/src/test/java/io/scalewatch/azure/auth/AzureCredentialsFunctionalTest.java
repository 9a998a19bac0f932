package io.scalewatch.azure.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.monitor.query.LogsQueryClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalewatch.azure.collect.AzureActivityCollector;
import io.scalewatch.azure.collect.AzureCollectionException;
import io.scalewatch.azure.testing.ActivityData;
import io.scalewatch.azure.testing.EntraRoutes;
import io.scalewatch.azure.testing.LogsApiServer;
import io.scalewatch.azure.testing.LoopbackHttpsServer;
import io.scalewatch.azure.testing.LoopbackHttpsServer.Reply;
import io.scalewatch.azure.testing.LoopbackHttpsServer.Request;
import io.scalewatch.azure.testing.LoopbackTls;
import io.scalewatch.core.checkpoint.ScanWindow;
import io.scalewatch.core.event.AuditEvent;
import io.scalewatch.core.normalize.RecordSink;
import io.scalewatch.core.run.Deadline;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * azure-identity's real credentials (MSAL underneath) signing in at a loopback Entra token endpoint with a secret or
 * certificate from the injected supplier, then the real LogsQueryClient using the issued token.
 */
class AzureCredentialsFunctionalTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TENANT = "72f988bf-0000-4000-8000-0000000000aa";
    private static final String CLIENT = "7d3f2a1b-5c6d-4e7f-8a9b-0c1d2e3f4a5b";
    private static final String SECRET_ID = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:scalewatch/azure-AbCdEf";
    // Shaped like an Entra client secret: 40 characters with '~', '.', '-' and '_'.
    private static final String SECRET = "Xy8Q~aB3.cD4-eF5_gH6iJ7kL8mN9oP0qR1sT2uV";

    private final AtomicInteger issued = new AtomicInteger();
    private final HttpClient http = LoopbackTls.httpClient();
    private LoopbackHttpsServer entra;
    private LogsApiServer logs;

    @AfterEach
    void stop() {
        if (entra != null) {
            entra.close();
        }
        if (logs != null) {
            logs.close();
        }
    }

    private static Map<String, String> form(String body) {
        return EntraRoutes.form(body);
    }

    /** Entra: instance discovery, OpenID metadata and the v2.0 token endpoint; {@code token} judges the form. */
    private void entra(Function<Map<String, String>, Reply> token) {
        entra = new LoopbackHttpsServer(request -> route(request, token));
    }

    private Reply route(Request request, Function<Map<String, String>, Reply> token) {
        return EntraRoutes.route(request, entra.base(), TENANT, token);
    }

    private Reply issue() {
        return Reply.json(200, "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"ext_expires_in\":3599,"
                + "\"access_token\":\"issued-" + issued.incrementAndGet() + "\"}");
    }

    private List<AuditEvent> collectWith(TokenCredential credential) {
        ActivityData data = ActivityData.demo();
        logs = new LogsApiServer(data.columns(), data.rows());
        LogsQueryClient client = AzureClients.logsQuery(credential, http, logs.endpoint());
        List<AuditEvent> events = new ArrayList<>();
        AzureActivityCollector.builder().client(client).workspaceId(ActivityData.WORKSPACE)
                .objectId(ActivityData.OBJECT_ID)
                .window(new ScanWindow(Instant.parse("2026-11-24T12:00:00Z"), Instant.parse("2026-11-24T13:00:00Z")))
                .deadline(Deadline.in(Duration.ofMinutes(10), java.time.Clock.systemUTC())).sleeper(d -> { })
                .build().read(RecordSink.of(events::add, q -> { }));
        return events;
    }

    private AzureCredentialConfig secretConfig() {
        return AzureCredentialConfig.clientSecret(TENANT, CLIENT, SECRET_ID).withAuthorityHost(URI.create(entra.base()))
                .withInstanceDiscoveryDisabled();
    }

    @Test
    void create_clientSecretFromJsonSecret_signsInAndTheLogsClientUsesTheToken() {
        entra(form -> SECRET.equals(form.get("client_secret")) ? issue()
                : Reply.json(401, "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215\"}"));
        Map<String, String> secrets = Map.of(SECRET_ID, "{\"clientSecret\":\"" + SECRET + "\"}");

        TokenCredential credential = AzureCredentials.create(secretConfig().withJsonKey("clientSecret"), secrets::get,
                http);
        List<AuditEvent> events = collectWith(credential);

        assertThat(events).isNotEmpty();
        Map<String, String> token = form(entra.requests().stream()
                .filter(r -> r.path().endsWith("/oauth2/v2.0/token")).findFirst().orElseThrow().body());
        assertThat(token).containsEntry("grant_type", "client_credentials").containsEntry("client_id", CLIENT);
        assertThat(token.get("scope").split(" ")).contains("https://127.0.0.1/.default");
        assertThat(logs.requests()).allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer issued-1"));
        assertThat(issued.get()).as("the token is cached across queries").isEqualTo(1);
    }

    @Test
    void create_pemCertificate_signsInWithAnAssertionSignedByItsKey() throws Exception {
        LoopbackTls app = LoopbackTls.generate("app", "CN=scalewatch-test-app", "");
        List<JsonNode> assertions = new ArrayList<>();
        entra(form -> {
            try {
                String[] jwt = form.get("client_assertion").split("\\.");
                JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(jwt[0]));
                Signature signature = Signature.getInstance(header.path("alg").asText().equals("PS256")
                        ? "RSASSA-PSS" : "SHA256withRSA");
                if (header.path("alg").asText().equals("PS256")) {
                    signature.setParameter(new java.security.spec.PSSParameterSpec("SHA-256", "MGF1",
                            java.security.spec.MGF1ParameterSpec.SHA256, 32, 1));
                }
                signature.initVerify(app.certificate().getPublicKey());
                signature.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
                if (!signature.verify(Base64.getUrlDecoder().decode(jwt[2]))) {
                    return Reply.json(401, "{\"error\":\"invalid_client\",\"error_description\":\"bad signature\"}");
                }
                assertions.add(JSON.readTree(Base64.getUrlDecoder().decode(jwt[1])));
                return form.get("client_assertion_type").equals("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                        ? issue() : Reply.json(400, "{\"error\":\"invalid_request\"}");
            } catch (Exception e) {
                return Reply.json(400, "{\"error\":\"invalid_request\",\"error_description\":\"" + e + "\"}");
            }
        });
        Map<String, String> secrets = Map.of(SECRET_ID, app.pem());

        TokenCredential credential = AzureCredentials.create(AzureCredentialConfig.certificatePem(TENANT, CLIENT,
                SECRET_ID).withAuthorityHost(URI.create(entra.base())).withInstanceDiscoveryDisabled(), secrets::get,
                http);
        List<AuditEvent> events = collectWith(credential);

        assertThat(events).isNotEmpty();
        assertThat(assertions).singleElement().satisfies(claims -> {
            assertThat(claims.path("iss").asText()).isEqualTo(CLIENT);
            assertThat(claims.path("sub").asText()).isEqualTo(CLIENT);
        });
        assertThat(logs.requests()).allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer issued-1"));
    }

    @Test
    void signIn_serverEchoesTheSecret_secretAppearsNowhere() {
        entra(form -> Reply.json(401, "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid"
                + " client secret provided. Ensure the secret being sent is the client secret value: "
                + form.get("client_secret") + " client_secret=" + form.get("client_secret") + "\"}"));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        List<String> logged = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(new SimpleFormatter().format(record));
            }

            @Override
            public void flush() { }

            @Override
            public void close() { }
        };
        PrintStream out = System.out;
        PrintStream err = System.err;
        Logger root = Logger.getLogger("");
        java.util.logging.Level level = root.getLevel();
        root.addHandler(handler);
        root.setLevel(java.util.logging.Level.ALL);
        PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        Throwable thrown;
        TokenCredential credential;
        try {
            credential = AzureCredentials.create(secretConfig(), Map.of(SECRET_ID, SECRET)::get, http);
            thrown = org.assertj.core.api.Assertions.catchThrowable(() -> collectWith(credential));
        } finally {
            System.setOut(out);
            System.setErr(err);
            root.removeHandler(handler);
            root.setLevel(level);
        }

        assertThat(entra.requests()).anySatisfy(r -> assertThat(r.body()).contains("client_secret="));
        assertThat(thrown).isInstanceOf(AzureCollectionException.class).hasMessageContaining("authentication failed");
        List<String> everything = new ArrayList<>(logged);
        everything.add(printed.toString(StandardCharsets.UTF_8));
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            everything.add(String.valueOf(t.getMessage()));
            everything.add(t.toString());
        }
        everything.add(secretConfig().toString());
        everything.add(credential.toString());
        assertThat(logged).as("the collector logged its failure").isNotEmpty();
        assertThat(everything).allSatisfy(text -> assertThat(text).doesNotContain(SECRET)
                .doesNotContain(SECRET.substring(0, 20)).doesNotContain(SECRET.substring(20)));
    }

    @Test
    void create_supplierFails_namesTheSecretIdNotItsMessage() {
        entra(form -> issue());
        assertThatThrownBy(() -> AzureCredentials.create(secretConfig(), id -> {
            throw new IllegalStateException("AccessDeniedException: cannot read " + SECRET);
        }, http)).isInstanceOf(AzureCredentialException.class)
                .hasMessageContaining("secret " + SECRET_ID + " could not be read (IllegalStateException)")
                .hasMessageContaining("secretsmanager:GetSecretValue")
                .satisfies(e -> {
                    assertThat(e.getMessage()).doesNotContain(SECRET);
                    assertThat(e.getCause()).isNull();
                });
    }

    @Test
    void create_pemWithoutPrivateKey_refusedWithoutEchoingIt() {
        entra(form -> issue());
        String certOnly = LoopbackTls.server().pem().replaceAll("(?s)-----BEGIN PRIVATE KEY-----.*?-----END PRIVATE KEY-----\n",
                "");
        AzureCredentialConfig config = AzureCredentialConfig.certificatePem(TENANT, CLIENT, SECRET_ID)
                .withAuthorityHost(URI.create(entra.base())).withInstanceDiscoveryDisabled();
        assertThatThrownBy(() -> AzureCredentials.create(config, Map.of(SECRET_ID, certOnly)::get, http))
                .isInstanceOf(AzureCredentialException.class).hasMessageContaining("its private key")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("MII"));
    }

    @Test
    void create_jsonKeyMissingOrNotJson_refusedWithoutEchoingTheSecret() {
        entra(form -> issue());
        assertThatThrownBy(() -> AzureCredentials.create(secretConfig().withJsonKey("clientSecret"),
                Map.of(SECRET_ID, "{\"password\":\"" + SECRET + "\"}")::get, http))
                .isInstanceOf(AzureCredentialException.class).hasMessageContaining("no non-empty string field"
                        + " 'clientSecret'")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
        assertThatThrownBy(() -> AzureCredentials.create(secretConfig().withJsonKey("clientSecret"),
                Map.of(SECRET_ID, SECRET)::get, http))
                .isInstanceOf(AzureCredentialException.class).hasMessageContaining("is not a JSON object")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }
}
