package io.scalewatch.azure.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ActivityQueryTest {
    private static final String OID = "0B5C2F6E-1111-4111-8111-111111111111";
    private static final String APP = "6f1e1d2c-0000-4000-8000-000000000001";
    private static final Instant START = Instant.parse("2026-11-24T12:00:00.1234567Z");
    private static final Instant END = Instant.parse("2026-11-24T13:00:00Z");

    @Test
    void kql_objectIdOnly_selectsCallerCaseInsensitivelyWithLowercasedGuid() {
        assertThat(ActivityQuery.of(OID, "").kql(START, END, 5000)).isEqualTo("AzureActivity\n"
                + "| where TimeGenerated >= datetime(2026-11-24T12:00:00.1234567Z)"
                + " and TimeGenerated < datetime(2026-11-24T13:00:00.0000000Z)\n"
                + "| where Caller =~ '0b5c2f6e-1111-4111-8111-111111111111'\n"
                + "| order by TimeGenerated asc\n"
                + "| take 5000");
    }

    @Test
    void kql_appIdOnly_selectsTheAppIdClaim() {
        assertThat(ActivityQuery.of(null, APP).kql(START, END, 10))
                .contains("| where tostring(parse_json(Claims).appid) =~ '" + APP + "'\n")
                .doesNotContain("Caller");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "0b5c2f6e-1111-4111-8111-111111111111' or 1 == 1 //",
        "' | union (SigninLogs) | where '' == '",
        "0b5c2f6e-1111-4111-8111-11111111111\\'",
        "0b5c2f6e-1111-4111-8111-111111111111\n| take 1",
        "0b5c2f6e-1111-4111-8111-1111111111１１",
        "*"
    })
    void of_injectionAttempt_rejectedBeforeAnythingIsSent(String hostile) {
        assertThatThrownBy(() -> ActivityQuery.of(hostile, APP))
                .isInstanceOf(InvalidQueryValueException.class)
                .hasMessageStartingWith("objectId must be a GUID (8-4-4-4-12 hex digits), got '")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> ActivityQuery.of(OID, hostile)).isInstanceOf(InvalidQueryValueException.class)
                .hasMessageStartingWith("appId must be a GUID");
    }

    @Test
    void of_noPrincipal_rejected() {
        assertThatThrownBy(() -> ActivityQuery.of("", null)).isInstanceOf(InvalidQueryValueException.class)
                .hasMessageContaining("both are empty");
    }

    @Test
    void kql_boundsOffTheTick_rejected() {
        assertThatThrownBy(() -> ActivityQuery.of(OID, APP).kql(START.plusNanos(1), END, 10))
                .isInstanceOf(InvalidQueryValueException.class).hasMessageContaining("100 ns ticks");
    }

    @Test
    void kql_reversedOrEmptySlice_rejected() {
        assertThatThrownBy(() -> ActivityQuery.of(OID, APP).kql(END, END, 10))
                .isInstanceOf(InvalidQueryValueException.class).hasMessageContaining("must be before its end");
    }

    @Test
    void kql_nonPositiveLimit_rejected() {
        assertThatThrownBy(() -> ActivityQuery.of(OID, APP).kql(START, END, 0))
                .isInstanceOf(InvalidQueryValueException.class).hasMessageContaining("row limit must be >= 1");
    }

    @Test
    void ticks_roundTowardsTheirSide() {
        Instant odd = Instant.parse("2026-11-24T12:00:00.123456789Z");
        assertThat(ActivityQuery.floorTick(odd)).isEqualTo(Instant.parse("2026-11-24T12:00:00.1234567Z"));
        assertThat(ActivityQuery.ceilTick(odd)).isEqualTo(Instant.parse("2026-11-24T12:00:00.1234568Z"));
        assertThat(ActivityQuery.ceilTick(END)).isEqualTo(END);
    }
}
