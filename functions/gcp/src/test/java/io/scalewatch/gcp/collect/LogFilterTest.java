package io.scalewatch.gcp.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalewatch.core.checkpoint.ScanWindow;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogFilterTest {
    private static final ScanWindow WINDOW =
            new ScanWindow(Instant.parse("2026-11-24T10:00:00.250Z"), Instant.parse("2026-11-24T11:00:00Z"));

    @Test
    void of_activityOnly_namesOneLogTheWindowAndBothPrincipalFields() {
        String filter = LogFilter.of("organizations/123456789012", "castai@p-1234.iam.gserviceaccount.com", WINDOW, false);

        assertThat(filter).isEqualTo("logName=\"organizations/123456789012/logs/cloudaudit.googleapis.com%2Factivity\""
                + " AND timestamp>=\"2026-11-24T10:00:00.250Z\" AND timestamp<\"2026-11-24T11:00:00Z\""
                + " AND (protoPayload.authenticationInfo.principalEmail=\"castai@p-1234.iam.gserviceaccount.com\""
                + " OR protoPayload.authenticationInfo.serviceAccountDelegationInfo.firstPartyPrincipal.principalEmail="
                + "\"castai@p-1234.iam.gserviceaccount.com\")");
    }

    @Test
    void of_filter_isReadByTheLoggingQueryGrammar() {
        String filter = LogFilter.of("projects/demo-project", DemoEntries.SERVICE_ACCOUNT, WINDOW, true);

        // the test server's evaluator accepts it and selects an entry of the account inside the window
        assertThat(LoggingQuery.parse(filter).test(DemoEntries.tree("{\"logName\":\"projects/demo-project/logs/"
                + "cloudaudit.googleapis.com%2Fdata_access\",\"timestamp\":\"2026-11-24T10:30:00Z\",\"protoPayload\":"
                + "{\"authenticationInfo\":{\"principalEmail\":\"" + DemoEntries.SERVICE_ACCOUNT + "\"}}}"))).isTrue();
        assertThat(LoggingQuery.parse(filter).test(DemoEntries.tree("{\"logName\":\"projects/demo-project/logs/"
                + "cloudaudit.googleapis.com%2Fdata_access\",\"timestamp\":\"2026-11-24T11:00:00Z\",\"protoPayload\":"
                + "{\"authenticationInfo\":{\"principalEmail\":\"" + DemoEntries.SERVICE_ACCOUNT + "\"}}}"))).isFalse();
    }

    @Test
    void serviceAccount_mixedCase_isLowercased() {
        assertThat(LogFilter.serviceAccount(" CastAI@Demo-Project.iam.gserviceaccount.com "))
                .isEqualTo("castai@demo-project.iam.gserviceaccount.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "castai@demo-project.iam.gserviceaccount.com\" OR logName:\"x",
        "castai@demo-project.iam.gserviceaccount.com\\",
        "castai@demo project.iam.gserviceaccount.com",
        "castai@demo-project.iam.gserviceaccount.com\nAND true",
        "castai",
        "@demo-project.iam.gserviceaccount.com",
        "*",
        ""})
    void serviceAccount_notAnEmail_isRejected(String value) {
        assertThatThrownBy(() -> LogFilter.serviceAccount(value)).isInstanceOf(InvalidFilterValueException.class)
                .hasMessageContaining("is not an email").hasMessageNotContaining("\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"projects/demo-project", "projects/482155503321", "folders/1234567890",
        "organizations/123456789012"})
    void resourceName_parentOfAuditLogs_isAccepted(String value) {
        assertThat(LogFilter.resourceName(value)).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"projects/demo-project\" OR \"x", "projects/Demo-Project", "projects/abc", "demo-project",
        "folders/abc", "organizations/12/logs/x", "billingAccounts/0123-4567-89AB", "projects/demo-project/"})
    void resourceName_other_isRejected(String value) {
        assertThatThrownBy(() -> LogFilter.resourceName(value)).isInstanceOf(InvalidFilterValueException.class)
                .hasMessageContaining("is not projects/");
    }
}
