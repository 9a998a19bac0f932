package io.scalewatch.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AzureErrorsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void scrub_clientSecretInFormAndEcho_replaced() {
        String secret = "Q~7vN2pLk8sR4tY6uW0xZ1aB3cD5eF7gH9iJ1kL3m";
        assertThat(AzureErrors.scrub("AADSTS7000215: Invalid client secret provided: " + secret))
                .doesNotContain(secret).contains(AzureErrors.REDACTED);
        assertThat(AzureErrors.scrub("grant_type=client_credentials&client_secret=abc%2Fdef&scope=x"))
                .isEqualTo("grant_type=client_credentials&client_secret=[redacted]&scope=x");
    }

    @Test
    void scrub_bearerTokenAndJwt_replaced() {
        String jwt = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2FwaSJ9.c2lnbmF0dXJl";
        assertThat(AzureErrors.scrub("Authorization: Bearer " + jwt)).isEqualTo("Authorization: Bearer [redacted]");
        assertThat(AzureErrors.scrub("token " + jwt + " rejected")).isEqualTo("token [redacted] rejected");
    }

    @Test
    void scrub_idsAndResourcePaths_kept() {
        String text = "The client '7d3f2a1b-5c6d-4e7f-8a9b-0c1d2e3f4a5b' cannot perform"
                + " 'Microsoft.Authorization/roleAssignments/read' over scope"
                + " '/subscriptions/3f2b8c1d-4e5a-4b6c-9d7e-8f9a0b1c2d3e/resourceGroups/MC_rg-aks-demo_aks-demo_westeurope'";
        assertThat(AzureErrors.scrub(text)).isEqualTo(text);
    }

    @Test
    void scrub_className_keptButOldStyleSecretReplaced() {
        assertThat(AzureErrors.scrub("com.microsoft.aad.msal4j.MsalServiceException: AADSTS7000215"))
                .isEqualTo("com.microsoft.aad.msal4j.MsalServiceException: AADSTS7000215");
        assertThat(AzureErrors.scrub("secret Xy8Qa.B3cD4eF5gH6iJ7kL8mN9oP0qR1sT2uV echoed"))
                .isEqualTo("secret [redacted] echoed");
    }

    @Test
    void scrub_controlCharactersAndLength_cleaned() {
        assertThat(AzureErrors.scrub("a\u001b[31mb\nc")).isEqualTo("a [31mb c");
        assertThat(AzureErrors.scrub("x".repeat(1000))).hasSize(403).endsWith("...");
    }

    @Test
    void retryAfter_secondsMillisAndDate_parsed() {
        assertThat(AzureErrors.retryAfter(new HttpHeaders().set("Retry-After", "7"), CLOCK))
                .contains(Duration.ofSeconds(7));
        assertThat(AzureErrors.retryAfter(new HttpHeaders().set("retry-after-ms", "1500").set("Retry-After", "9"),
                CLOCK)).contains(Duration.ofMillis(1500));
        assertThat(AzureErrors.retryAfter(new HttpHeaders().set("Retry-After", "Wed, 25 Nov 2026 12:00:30 GMT"),
                CLOCK)).contains(Duration.ofSeconds(30));
        assertThat(AzureErrors.retryAfter(new HttpHeaders().set("Retry-After", "soon"), CLOCK)).isEmpty();
        assertThat(AzureErrors.retryAfter(new HttpHeaders(), CLOCK)).isEmpty();
    }
}
