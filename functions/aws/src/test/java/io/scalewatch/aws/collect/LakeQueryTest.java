package io.scalewatch.aws.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalewatch.core.checkpoint.ScanWindow;
import io.scalewatch.core.identity.IdentityMatcher;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LakeQueryTest {
    private static final ScanWindow WINDOW =
            new ScanWindow(Instant.parse("2026-11-24T00:00:00Z"), Instant.parse("2026-11-24T01:30:00.250Z"));

    @Test
    void statement_role_selectsItsSessionsAndAssumeRoleCallsInTheWindow() {
        String sql = LakeQuery.statement("eds-1", IdentityMatcher.parse("arn:aws:iam::111122223333:role/castai_eks"),
                WINDOW);

        assertThat(sql).startsWith("SELECT eventID, eventTime, ").contains(" FROM eds-1 WHERE ")
                .contains("eventTime >= '2026-11-24 00:00:00.000' AND eventTime < '2026-11-24 01:30:00.250'")
                .contains("userIdentity.sessionContext.sessionIssuer.arn = 'arn:aws:iam::111122223333:role/castai_eks'")
                .contains("userIdentity.arn LIKE 'arn:aws:sts::111122223333:assumed-role/castai\\_eks/%' ESCAPE '\\'")
                .contains("element_at(requestParameters, 'roleArn') = 'arn:aws:iam::111122223333:role/castai_eks'")
                .endsWith(" ORDER BY eventTime ASC, eventID ASC");
    }

    @Test
    void statement_userAndAccessKey_selectByArnAndKey() {
        IdentityMatcher both = IdentityMatcher.anyOf(List.of(
                IdentityMatcher.parse("arn:aws:iam::111122223333:user/cast-eks-demo"),
                IdentityMatcher.parse("AKIAIOSFODNN7EXAMPLE"),
                IdentityMatcher.parse("castai-gke@demo-project.iam.gserviceaccount.com")));

        assertThat(LakeQuery.identityCondition(both)).isEqualTo(
                "userIdentity.arn = 'arn:aws:iam::111122223333:user/cast-eks-demo'"
                        + " OR userIdentity.accessKeyId = 'AKIAIOSFODNN7EXAMPLE'");
    }

    @Test
    void statement_everyPrincipal_hasNoIdentityCondition() {
        assertThat(LakeQuery.statement("eds-1", IdentityMatcher.all(), WINDOW)).doesNotContain("userIdentity.arn =")
                .contains("eventTime < '2026-11-24 01:30:00.250' ORDER BY");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "arn:aws:iam::111122223333:role/x' OR '1'='1",
        "arn:aws:iam::111122223333:role/x\\' --",
        "arn:aws:iam::111122223333:role/a b",
        "arn:aws:iam::111122223333:role/x%",
        "arn:aws:iam::111122223333:role/x;DROP"})
    void statement_roleWithCharactersOutsideArns_rejected(String arn) {
        assertThatThrownBy(() -> LakeQuery.statement("eds-1", IdentityMatcher.parse(arn), WINDOW))
                .isInstanceOf(InvalidQueryValueException.class)
                .hasMessageContaining("refusing to put it into a CloudTrail Lake query");
    }

    @Test
    void statement_onlyNonAwsPrincipals_rejected() {
        assertThatThrownBy(() -> LakeQuery.statement("eds-1",
                IdentityMatcher.parse("castai-gke@demo-project.iam.gserviceaccount.com"), WINDOW))
                .isInstanceOf(InvalidQueryValueException.class).hasMessageContaining("names no AWS principal");
    }

    @Test
    void eventDataStoreId_arn_takesTheIdPart() {
        assertThat(LakeQuery.eventDataStoreId("arn:aws:cloudtrail:us-east-1:111122223333:eventdatastore/"
                + "EXAMPLE-f852-4e8f")).isEqualTo("EXAMPLE-f852-4e8f");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "eds'1", "eds 1", "eds/1"})
    void eventDataStoreId_otherCharacters_rejected(String id) {
        assertThatThrownBy(() -> LakeQuery.eventDataStoreId(id)).isInstanceOf(InvalidQueryValueException.class)
                .hasMessageContaining("event data store");
    }
}
