package io.scalewatch.core.suppress;

import static io.scalewatch.core.suppress.SuppressFixtures.NOW;
import static io.scalewatch.core.suppress.SuppressFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuppressionFileTest {
    private static final Duration YEAR = SuppressionFile.DEFAULT_MAX_HORIZON;

    @Test
    void read_validFile_keepsEveryEntryWithSelectorsOwnerReasonAndExpiry() {
        Suppressions suppressions = SuppressionFile.read(resource("valid.json"), NOW, YEAR);

        assertThat(suppressions.entries()).hasSize(5);
        Suppression first = suppressions.entries().get(0);
        assertThat(first.index()).isZero();
        assertThat(first.rule()).isEqualTo("SW-L4-001");
        assertThat(first.account()).isEqualTo("111122223333");
        assertThat(first.region()).isEqualTo("us-*");
        assertThat(first.resource()).isEqualTo("arn:aws:ec2:*:111122223333:instance/*");
        assertThat(first.owner()).isEqualTo("ml-platform@example.com");
        assertThat(first.reason()).isEqualTo("GPU pool for the ML team; accepted in OPS-412");
        assertThat(first.expires()).isEqualTo(Instant.parse("2027-03-01T00:00:00Z"));
        assertThat(first.createdAt()).contains(Instant.parse("2026-11-20T00:00:00Z"));
        assertThat(suppressions.entries().get(1).expires()).isEqualTo(Instant.parse("2026-12-31T17:00:00Z"));
        assertThat(suppressions.entries().get(1).createdAt()).isEmpty();
        assertThat(suppressions.source()).endsWith("valid.json");
    }

    @Test
    void read_alreadyExpiredEntry_isValidSoAScheduledRunDoesNotBreakOnTheDay() {
        Suppressions suppressions = SuppressionFile.read(resource("valid.json"), NOW, YEAR);

        assertThat(suppressions.entries().get(2).activeAt(NOW)).isFalse();
        assertThat(suppressions.entries().get(0).activeAt(NOW)).isTrue();
    }

    @Test
    void read_unknownField_namesEntryFieldAndKnownFields() {
        assertThatThrownBy(() -> SuppressionFile.read(resource("unknown-field.json"), NOW, YEAR))
                .isInstanceOf(SuppressionFileException.class)
                .hasMessageContaining("unknown-field.json")
                .hasMessageContaining("unknown field 'suppressions[1].expiry'")
                .hasMessageContaining("known fields: rule, cloud, account, region, resource, finding_id, owner, reason,"
                        + " expires, created");
    }

    @Test
    void read_expiryBeyondHorizon_rejectedWithTheLatestValidDate() {
        assertThatThrownBy(() -> SuppressionFile.read(resource("too-far.json"), NOW, YEAR))
                .isInstanceOf(SuppressionFileException.class)
                .hasMessageContaining("suppressions[0].expires '2028-06-01' is more than 365 days after now")
                .hasMessageContaining("on or before 2027-11-25T12:00:00Z");
    }

    @Test
    void read_longerConfiguredHorizon_acceptsTheSameFile() {
        Suppressions suppressions = SuppressionFile.read(resource("too-far.json"), NOW, Duration.ofDays(730));

        assertThat(suppressions.entries()).hasSize(1);
    }

    @Test
    void read_missingOwner_saysOwnerIsRequired() {
        assertThatThrownBy(() -> SuppressionFile.read(resource("missing-owner.json"), NOW, YEAR))
                .isInstanceOf(SuppressionFileException.class)
                .hasMessageContaining("suppressions[0].owner is required: who answers for this suppression");
    }

    @Test
    void read_entryMatchingEverything_rejected() {
        assertThatThrownBy(() -> SuppressionFile.read(resource("match-all.json"), NOW, YEAR))
                .isInstanceOf(SuppressionFileException.class)
                .hasMessageContaining("suppressions[0] would suppress every finding");
    }

    @Test
    void read_missingFile_namesThePath() {
        Path missing = Path.of("/nonexistent/suppressions.json");

        assertThatThrownBy(() -> SuppressionFile.read(missing, NOW, YEAR))
                .isInstanceOf(SuppressionFileException.class)
                .hasMessageContaining("/nonexistent/suppressions.json cannot be read");
    }

    // tiny hostile cases, one per rule of the format
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[1]| must hold a JSON object",
        "{\"suppressions\": []}| field 'version' must be 1, got nothing",
        "{\"version\": 2, \"suppressions\": []}| field 'version' must be 1, got 2",
        "{\"version\": 1}| field 'suppressions' must be a list of entries",
        "{\"version\": 1, \"suppressions\": [], \"extra\": 1}| unknown field 'extra'",
        "{\"version\": 1, \"version\": 1, \"suppressions\": []}| not valid JSON: Duplicate field 'version'",
        "{\"version\": 1, \"suppressions\": [\"SW-L4-001\"]}| suppressions[0] must be an object",
        "{\"version\": 1, \"suppressions\": [{\"owner\": \"a\", \"reason\": \"b\", \"expires\": \"2027-01-01\"}]}"
                + "| suppressions[0].rule is required",
        "{\"version\": 1, \"suppressions\": [{\"rule\": \"SW L4\", \"owner\": \"a\", \"reason\": \"b\","
                + " \"expires\": \"2027-01-01\"}]}| suppressions[0].rule 'SW L4' must be a rule id or glob",
        "{\"version\": 1, \"suppressions\": [{\"rule\": \"SW-L4-001\", \"cloud\": \"AWS\", \"owner\": \"a\","
                + " \"reason\": \"b\", \"expires\": \"2027-01-01\"}]}| suppressions[0].cloud 'AWS' must be one of aws",
        "{\"version\": 1, \"suppressions\": [{\"rule\": \"SW-L4-001\", \"account\": 111122223333, \"owner\": \"a\","
                + " \"reason\": \"b\", \"expires\": \"2027-01-01\"}]}| suppressions[0].account must be a string, got"
                + " NUMBER",
        "{\"version\": 1, \"suppressions\": [{\"rule\": \"SW-L4-001\", \"region\": \"us east\", \"owner\": \"a\","
                + " \"reason\": \"b\", \"expires\": \"2027-01-01\"}]}| suppressions[0].region 'us east' must be a"
                + " region glob",
        "{\"version\": 1, \"suppressions\": [{\"rule\": \"SW-L4-001\", \"finding_id\": \"sw-xyz\", \"owner\": \"a\","
                + " \"reason\": \"b\", \"expires\": \"2027-01-01\"}]}| suppressions[0].finding_id 'sw-xyz' must be a"
                + " finding id",
        "{\"version\": 1, \"suppressions\": [{\"rule\": \"SW-L4-001\", \"owner\": \" \", \"reason\": \"b\","
                + " \"expires\": \"2027-01-01\"}]}| suppressions[0].owner is blank",
        "{\"version\": 1, \"suppressions\": [{\"rule\": \"SW-L4-001\", \"owner\": \"a\", \"reason\": \"b\","
                + " \"expires\": \"2027-13-01\"}]}| suppressions[0].expires '2027-13-01' must be an ISO date",
        "{\"version\": 1, \"suppressions\": [{\"rule\": \"SW-L4-001\", \"owner\": \"a\", \"reason\": \"b\","
                + " \"expires\": \"2027-01-01T00:00:00\"}]}| suppressions[0].expires '2027-01-01T00:00:00' must be an"
                + " ISO date",
        "{\"version\": 1, \"suppressions\": [{\"rule\": \"SW-L4-001\", \"owner\": \"a\", \"reason\": \"b\","
                + " \"expires\": \"2027-01-01\", \"created\": \"2027-02-01\"}]}| suppressions[0].created '2027-02-01'"
                + " must not be after expires",
        "{\"version\": 1, \"suppressions\": [{\"rule\": \"SW-L4-001\", \"owner\": \"a\", \"reason\": \"b\","
                + " \"expires\": \"2027-06-01\", \"created\": \"2027-01-01\"}]}| suppressions[0].created '2027-01-01'"
                + " is in the future",
        "{\"version\": 1, \"suppressions\": [{\"rule\": \"SW-L4-001\", \"owner\": \"a\\u202eb\", \"reason\": \"b\","
                + " \"expires\": \"2027-01-01\"}]}| suppressions[0].owner",
    })
    void parse_invalidDocument_messageNamesTheProblem(String json, String expected) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> SuppressionFile.parse(bytes, "inline", NOW, YEAR))
                .isInstanceOf(SuppressionFileException.class)
                .hasMessageStartingWith("suppression file inline: ")
                .hasMessageContaining(expected.strip());
    }

    @Test
    void parse_oversizedFile_rejectedBeforeParsing() {
        byte[] bytes = new byte[SuppressionFile.MAX_BYTES + 1];

        assertThatThrownBy(() -> SuppressionFile.parse(bytes, "big.json", NOW, YEAR))
                .isInstanceOf(SuppressionFileException.class)
                .hasMessageContaining("larger than 1048576 bytes");
    }

    @Test
    void read_docsExample_isValid() {
        // the example of docs/suppressions.md; a long horizon keeps it valid as the calendar moves on
        Path example = Path.of("../../docs/suppressions.example.json");

        Suppressions suppressions = SuppressionFile.read(example, NOW, Duration.ofDays(3650));

        assertThat(suppressions.entries()).extracting(Suppression::rule)
                .containsExactly("SW-L4-001", "SW-L6-008", "SW-L7-001");
    }
}
