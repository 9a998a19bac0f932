package io.scalewatch.aws.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalewatch.aws.Moto;
import io.scalewatch.aws.collect.MotoForwardingProxy;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

/** AssumeRole into target accounts through moto's STS, with the requests recorded by a forwarding proxy. */
class AccountAccessFunctionalTest {
    private static final String EXTERNAL_ID = "6d1c8a2e-5b7f-4c3e-9a0d-2f4e6b8c1a3d";

    private MotoForwardingProxy proxy;
    private StsClient sts;
    private AwsClients clients;

    @BeforeEach
    void start() {
        proxy = MotoForwardingProxy.to(Moto.endpoint());
        sts = StsClient.builder().endpointOverride(proxy.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(Moto.credentials()).build();
        clients = AwsClients.builder().endpointOverride(Moto.endpoint()).build();
    }

    @AfterEach
    void stop() {
        sts.close();
        clients.close();
        proxy.close();
    }

    private AccountAccess access(String runId) {
        return AccountAccess.builder().sts(sts).roleName("scalewatch-read").externalId(EXTERNAL_ID).runId(runId)
                .clients(clients).build();
    }

    private static Map<String, String> form(String body) {
        return Arrays.stream(body.split("&")).map(p -> p.split("=", 2)).collect(Collectors.toMap(
                p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8),
                p -> p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : ""));
    }

    @Test
    void assume_targetAccount_sendsRoleExternalIdAndSessionNameAndActsInThatAccount() {
        String account =
                String.format("%012d", ThreadLocalRandom.current().nextLong(100_000_000_000L, 999_999_999_999L));
        try (AccountSession session = access("run-2026-11-24T10:00Z").assume(account)) {
            List<MotoForwardingProxy.Request> assume = proxy.requests().stream()
                    .filter(r -> r.bodyText().contains("Action=AssumeRole")).toList();
            assertThat(assume).hasSize(1);
            Map<String, String> params = form(assume.get(0).bodyText());
            assertThat(params).containsEntry("RoleArn", "arn:aws:iam::" + account + ":role/scalewatch-read")
                    .containsEntry("ExternalId", EXTERNAL_ID)
                    .containsEntry("RoleSessionName", "scalewatch-run-2026-11-24T10-00Z")
                    .containsEntry("DurationSeconds", "3600");
            assertThat(session.account()).isEqualTo(account);
            assertThat(session.sessionName()).isEqualTo("scalewatch-run-2026-11-24T10-00Z");

            // the session's clients act in the target account
            AwsSessionCredentials credentials = (AwsSessionCredentials) session.credentials().resolveCredentials();
            assertThat(credentials.accessKeyId()).startsWith("ASIA");
            try (StsClient asTarget = StsClient.builder().endpointOverride(Moto.endpoint()).region(Region.US_EAST_1)
                    .credentialsProvider(session.credentials()).build()) {
                assertThat(asTarget.getCallerIdentity().arn())
                        .isEqualTo("arn:aws:sts::" + account
                                + ":assumed-role/scalewatch-read/scalewatch-run-2026-11-24T10-00Z");
            }
            session.iam().createRole(b -> b.roleName("created-in-target").assumeRolePolicyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[]}"));
            assertThat(session.iam().getRole(b -> b.roleName("created-in-target")).role().arn())
                    .isEqualTo("arn:aws:iam::" + account + ":role/created-in-target");
            assertThat(session.cloudTrail(Region.US_EAST_1)).isSameAs(session.cloudTrail(Region.US_EAST_1));
            assertThat(session.s3(Region.EU_WEST_1)).isNotSameAs(session.s3(Region.US_EAST_1));
            assertThat(session.toString()).isEqualTo("AccountSession[account=" + account + ", role=arn:aws:iam::"
                    + account
                    + ":role/scalewatch-read, session=scalewatch-run-2026-11-24T10-00Z]");
        }
    }

    @Test
    void assume_stsRefuses_throwsNamingTheRoleAndTheCode() {
        proxy.fail(r -> r.bodyText().contains("Action=AssumeRole"), 1, 403, "text/xml",
                "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type>"
                        + "<Code>AccessDenied</Code><Message>User: arn:aws:iam::123456789012:user/scalewatch is not"
                        + " authorized to perform: sts:AssumeRole on resource: arn:aws:iam::210987654321:role/"
                        + "scalewatch-read</Message></Error><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7"
                        + "</RequestId></ErrorResponse>");

        assertThatThrownBy(() -> access("run-1").assume("210987654321"))
                .isInstanceOf(AccountAccessException.class)
                .hasMessageStartingWith("cannot assume arn:aws:iam::210987654321:role/scalewatch-read as session"
                        + " scalewatch-run-1 (with the configured ExternalId): AccessDenied (HTTP 403")
                .hasMessageNotContaining(EXTERNAL_ID)
                .hasNoCause();
    }

    @Test
    void assume_invalidAccount_rejectedBeforeCallingSts() {
        assertThatThrownBy(() -> access("run-1").assume("2109-8765-4321"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("12-digit");
        assertThat(proxy.requests()).isEmpty();
    }

    @Test
    void sessionName_runIdWithOtherCharacters_replacedAndCutToSixtyFour() {
        assertThat(AccountAccess.sessionName("2026-11-24T10:00:00Z/aws"))
                .isEqualTo("scalewatch-2026-11-24T10-00-00Z-aws");
        assertThat(AccountAccess.sessionName("r".repeat(100))).hasSize(64).startsWith("scalewatch-rrr");
    }

    @Test
    void build_invalidExternalId_rejectedWithoutShowingIt() {
        assertThatThrownBy(() -> AccountAccess.builder().sts(sts).roleName("scalewatch-read")
                .externalId("secret value with spaces").runId("r").clients(clients).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("externalId")
                .hasMessageNotContaining("secret value with spaces");
        assertThatThrownBy(() -> AccountAccess.builder().sts(sts).roleName("bad role").externalId(EXTERNAL_ID)
                .runId("r").clients(clients).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("roleName");
    }
}
