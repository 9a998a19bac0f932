package io.scalewatch.core.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalewatch.core.event.CloudProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Each fault of hostile or broken input becomes a quarantined record with a clear reason; nothing throws. */
class HostileInputTest {
    /** The fields of a valid CloudTrail record up to its eventID. */
    private static final String AWS = "\"eventTime\":\"2026-11-20T10:15:31Z\",\"eventSource\":\"ec2.amazonaws.com\","
            + "\"eventName\":\"RunInstances\"";

    private static String good(String id) {
        return "{" + AWS + ",\"eventID\":\"" + id + "\"}";
    }

    /** A CloudTrail record with the valid head and {@code fields}, on one line. */
    private static String aws(String fields) {
        return "{" + AWS + "," + fields + "}";
    }

    @Test
    void read_malformedJsonLine_quarantinesLineAndReadsTheRest() {
        Fixtures.Read read = Fixtures.readText(good("a") + "\n{\"eventTime\": \"2026-11-20T10:15:31Z\", eventSource}\n"
                + good("c") + "\n");

        assertThat(read.events()).extracting(e -> e.metadata().uid()).containsExactly("a", "c");
        QuarantinedRecord bad = read.onlyQuarantined();
        assertThat(bad.line()).isEqualTo(2);
        assertThat(bad.kind()).isEqualTo(QuarantineKind.MALFORMED_JSON);
        assertThat(bad.reason()).startsWith("malformed JSON at column").contains("Unexpected character ('e'");
        assertThat(bad.raw()).isEqualTo("{\"eventTime\": \"2026-11-20T10:15:31Z\", eventSource}");
        assertThat(read.counts().total()).isEqualTo(new ReadCounts.Counts(3, 2, 1));
    }

    @Test
    void read_lineCutOffInsideValue_quarantinedAsMalformed() {
        Fixtures.Read read = Fixtures.readText(good("a") + "\n{\"eventTime\":\"2026-11-20T10:15:31Z\","
                + "\"eventSource\":\"ec2\n" + good("c"));

        assertThat(read.events()).hasSize(2);
        assertThat(read.onlyQuarantined().reason()).startsWith("line ends inside a JSON value");
        assertThat(read.onlyQuarantined().line()).isEqualTo(2);
    }

    @Test
    void read_jsonLinesFileCutOffInLastLine_quarantinedAsTruncated() {
        String line = good("b");

        Fixtures.Read read = Fixtures.readText(good("a") + "\n" + line.substring(0, line.length() / 2));

        assertThat(read.events()).hasSize(1);
        assertThat(read.onlyQuarantined().kind()).isEqualTo(QuarantineKind.TRUNCATED_INPUT);
        assertThat(read.onlyQuarantined().reason()).startsWith("input ends inside a JSON value (truncated file)");
        assertThat(read.onlyQuarantined().line()).isEqualTo(2);
    }

    @Test
    void read_eventTimeNumber_quarantinedAsWrongType() {
        Fixtures.Read read = Fixtures.readText("""
            {"eventTime":1763633731,"eventSource":"ec2.amazonaws.com","eventName":"RunInstances","eventID":"x"}""");

        QuarantinedRecord bad = read.onlyQuarantined();
        assertThat(bad.kind()).isEqualTo(QuarantineKind.WRONG_TYPE);
        assertThat(bad.reason()).isEqualTo("eventTime must be a timestamp string, got number 1763633731");
        assertThat(bad.cloud()).contains(CloudProvider.AWS);
    }

    @Test
    void read_actorIsArray_quarantinedAsWrongType() {
        Fixtures.Read read = Fixtures.readText("""
            {"eventTime":"2026-11-20T10:15:31Z","eventSource":"ec2.amazonaws.com","eventName":"RunInstances",
             "eventID":"x","userIdentity":[{"type":"Root"}]}""".replace("\n", ""));

        assertThat(read.onlyQuarantined().kind()).isEqualTo(QuarantineKind.WRONG_TYPE);
        assertThat(read.onlyQuarantined().reason()).isEqualTo("userIdentity must be an object, got array");
    }

    @Test
    void read_gcpPrincipalNotString_quarantinedAsWrongType() {
        Fixtures.Read read = Fixtures.readText("""
            {"insertId":"x","timestamp":"2026-11-20T10:00:00Z",
             "protoPayload":{"methodName":"v1.compute.instances.insert",
             "authenticationInfo":{"principalEmail":{"name":"a@b.c"}}}}""".replace("\n", ""));

        assertThat(read.onlyQuarantined().kind()).isEqualTo(QuarantineKind.WRONG_TYPE);
        assertThat(read.onlyQuarantined().reason())
                .isEqualTo("protoPayload.authenticationInfo.principalEmail must be a string, got object");
        assertThat(read.onlyQuarantined().cloud()).contains(CloudProvider.GCP);
    }

    @Test
    void read_eventIdNotString_quarantinedAsWrongType() {
        Fixtures.Read read = Fixtures.readText(aws("\"eventID\":{\"id\":1}"));

        assertThat(read.onlyQuarantined().kind()).isEqualTo(QuarantineKind.WRONG_TYPE);
        assertThat(read.onlyQuarantined().reason()).isEqualTo("eventID must be a string, got object");
    }

    @Test
    void read_eventNameObject_quarantinedAsWrongType() {
        Fixtures.Read read = Fixtures.readText("""
            {"eventTime":"2026-11-20T10:15:31Z","eventSource":"ec2.amazonaws.com","eventName":{"$ne":""},
             "eventID":"x"}""".replace("\n", ""));

        assertThat(read.onlyQuarantined().kind()).isEqualTo(QuarantineKind.WRONG_TYPE);
        assertThat(read.onlyQuarantined().reason()).isEqualTo("eventName must be a string, got object");
        assertThat(read.onlyQuarantined().cloud()).contains(CloudProvider.AWS);
    }

    @Test
    void read_missingTime_normalizedUndatedNotQuarantined() {
        Fixtures.Read read = Fixtures.readText("""
            {"eventSource":"ec2.amazonaws.com","eventName":"RunInstances","eventID":"x"}""");

        assertThat(read.quarantined()).isEmpty();
        assertThat(read.event("x").dated()).isFalse();
        assertThat(read.event("x").metadata().issues()).contains(NormalizationIssues.NO_EVENT_TIME);
    }

    @Test
    void read_unparseableTime_quarantinedAsInvalidValue() {
        Fixtures.Read read = Fixtures.readText("""
            {"eventTime":"yesterday","eventSource":"ec2.amazonaws.com","eventName":"RunInstances","eventID":"x"}""");

        assertThat(read.onlyQuarantined().kind()).isEqualTo(QuarantineKind.INVALID_VALUE);
        assertThat(read.onlyQuarantined().reason()).startsWith("eventTime 'yesterday' is not a valid timestamp");
    }

    @Test
    void read_missingOperation_quarantinedAsMissingField() {
        Fixtures.Read read = Fixtures.readText("""
            {"insertId":"x","timestamp":"2026-11-20T10:00:00Z",
             "protoPayload":{"serviceName":"compute.googleapis.com"}}""".replace("\n", ""));

        assertThat(read.onlyQuarantined().kind()).isEqualTo(QuarantineKind.MISSING_FIELD);
        assertThat(read.onlyQuarantined().reason()).isEqualTo("protoPayload.methodName is missing (nor methodName,"
                + " protoPayload.authorizationInfo[0].permission): the entry names no operation");
    }

    @Test
    void read_unknownShape_quarantinedNamingKeys() {
        Fixtures.Read read = Fixtures.readText("{\"level\":\"info\",\"msg\":\"hello\"}\n");

        QuarantinedRecord bad = read.onlyQuarantined();
        assertThat(bad.kind()).isEqualTo(QuarantineKind.UNKNOWN_SHAPE);
        assertThat(bad.cloud()).isEmpty();
        assertThat(bad.reason()).startsWith("unknown record shape (keys level, msg): expected eventSource/eventName");
        assertThat(read.counts().unknown()).isEqualTo(new ReadCounts.Counts(1, 0, 1));
    }

    @Test
    void read_recordNotAnObject_quarantinedAsWrongType() {
        Fixtures.Read read = Fixtures.readText("[\"just a string\", " + good("b") + "]");

        assertThat(read.events()).hasSize(1);
        assertThat(read.onlyQuarantined().kind()).isEqualTo(QuarantineKind.WRONG_TYPE);
        assertThat(read.onlyQuarantined().reason()).isEqualTo("a record must be a JSON object, got string");
        assertThat(read.onlyQuarantined().raw()).isEqualTo("\"just a string\"");
    }

    @Test
    void read_fieldOverOneMebibyte_quarantinedAndNextRecordRead() {
        String huge = "A".repeat(RecordLimits.MAX_FIELD_CHARS + 1);
        String record = aws("\"eventID\":\"x\",\"requestParameters\":{\"userData\":\"" + huge + "\"}");

        Fixtures.Read read = Fixtures.readText(record + "\n" + good("b") + "\n");

        assertThat(read.events()).extracting(e -> e.metadata().uid()).containsExactly("b");
        QuarantinedRecord bad = read.onlyQuarantined();
        assertThat(bad.kind()).isEqualTo(QuarantineKind.FIELD_TOO_LARGE);
        assertThat(bad.reason()).isEqualTo("field requestParameters.userData is 1048577 characters long; the limit is "
                + "1048576 (1 MiB)");
        assertThat(bad.cloud()).contains(CloudProvider.AWS);
        assertThat(bad.truncated()).isTrue();
        assertThat(bad.raw().getBytes(StandardCharsets.UTF_8))
                .hasSizeLessThanOrEqualTo(QuarantinedRecord.MAX_RAW_BYTES);
        assertThat(bad.raw()).doesNotContain("AAAAAAAA");
    }

    @Test
    void read_recordOverSixteenMebibytes_quarantinedAsRecordTooLarge() {
        StringBuilder record = new StringBuilder("{" + AWS + ",\"eventID\":\"x\",\"requestParameters\":{");
        String chunk = "B".repeat(1_000_000);
        for (int i = 0; i < 17; i++) {
            record.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":\"").append(chunk).append('"');
        }
        Fixtures.Read read = Fixtures.readText("[" + record + "}}, " + good("b") + "]");

        assertThat(read.events()).extracting(e -> e.metadata().uid()).containsExactly("b");
        assertThat(read.onlyQuarantined().kind()).isEqualTo(QuarantineKind.RECORD_TOO_LARGE);
        assertThat(read.onlyQuarantined().reason()).isEqualTo("record is larger than 16777216 bytes (16 MiB)");
    }

    @Test
    void read_nestingDeeperThanLimit_quarantinedAndNextRecordRead() {
        String deep = "[".repeat(70) + "1" + "]".repeat(70);
        Fixtures.Read read = Fixtures.readText(
                "[" + aws("\"eventID\":\"x\",\"requestParameters\":{\"a\":" + deep + "}") + ",\n" + good("b") + "]");

        assertThat(read.events()).extracting(e -> e.metadata().uid()).containsExactly("b");
        QuarantinedRecord bad = read.onlyQuarantined();
        assertThat(bad.kind()).isEqualTo(QuarantineKind.TOO_DEEP);
        assertThat(bad.reason())
                .startsWith("record nests deeper than 64 levels of objects/arrays at requestParameters.a[0]");
        assertThat(bad.line()).isEqualTo(1);
    }

    @Test
    void read_nestingBeyondParserLimit_quarantinesLineAndReadsNextLine() {
        String bomb = "{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";

        Fixtures.Read read = Fixtures.readText(bomb + "\n" + good("b") + "\n");

        assertThat(read.events()).extracting(e -> e.metadata().uid()).containsExactly("b");
        assertThat(read.onlyQuarantined().line()).isEqualTo(1);
        assertThat(read.onlyQuarantined().reason()).contains("nesting depth");
    }

    @Test
    void read_controlCharacterInKey_quarantined() {
        Fixtures.Read read =
                Fixtures.readText(aws("\"eventID\":\"x\",\"requestParameters\":{\"instance\\u0007Type\":\"p4d\"}"));

        QuarantinedRecord bad = read.onlyQuarantined();
        assertThat(bad.kind()).isEqualTo(QuarantineKind.CONTROL_CHARACTER_IN_KEY);
        assertThat(bad.reason()).isEqualTo("key 'instance\\u0007Type' in requestParameters contains control"
                + " character U+0007; keys must be printable");
    }

    @Test
    void read_controlCharacterInTopLevelKey_quarantinedWithCloudFromOtherFields() {
        Fixtures.Read read = Fixtures.readText("""
            {"eventSource":"ec2.amazonaws.com","event\\u0000Time":"2026-11-20T10:15:31Z",
             "eventName":"RunInstances"}""".replace("\n", ""));

        assertThat(read.onlyQuarantined().kind()).isEqualTo(QuarantineKind.CONTROL_CHARACTER_IN_KEY);
        assertThat(read.onlyQuarantined().cloud()).contains(CloudProvider.AWS);
    }

    @Test
    void read_duplicateKey_quarantined() {
        Fixtures.Read read = Fixtures.readText("""
            {"eventTime":"2026-11-20T10:15:31Z","eventSource":"ec2.amazonaws.com","eventName":"RunInstances",
             "eventName":"DescribeInstances","eventID":"x"}""".replace("\n", ""));

        assertThat(read.onlyQuarantined().kind()).isEqualTo(QuarantineKind.DUPLICATE_KEY);
        assertThat(read.onlyQuarantined().reason())
                .isEqualTo("key 'eventName' appears twice in the record; a record must not repeat a key");
    }

    @Test
    void read_truncatedDocument_keepsRecordsBeforeBreakAndQuarantinesRest() throws IOException {
        String text = Files.readString(Fixtures.path("cloudtrail/castai-trail.json"));
        int cut = text.indexOf("\"eventID\": \"e0d1c2b3");

        Fixtures.Read read = Fixtures.readText(text.substring(0, cut));

        assertThat(read.events()).extracting(e -> e.api().operation()).containsExactly(
                "AssumeRole", "RunInstances", "ModifyInstanceAttribute", "CreateLaunchTemplateVersion");
        QuarantinedRecord rest = read.onlyQuarantined();
        assertThat(rest.kind()).isEqualTo(QuarantineKind.TRUNCATED_INPUT);
        assertThat(rest.cloud()).contains(CloudProvider.AWS);
        assertThat(rest.line()).isEqualTo(openingBraceLineBefore(text, "\"eventName\": \"CreateAccessKey\""));
        assertThat(rest.reason()).startsWith("input ends inside a JSON value (truncated document) at line ")
                .endsWith("records before line " + rest.line() + " were read, the rest of the input was not");
        assertThat(rest.raw()).startsWith("{").contains("\"eventName\": \"CreateAccessKey\"");
        assertThat(read.counts().total()).isEqualTo(new ReadCounts.Counts(5, 4, 1));
    }

    @Test
    void read_documentBrokenInTheMiddle_quarantinesRestWithLine() {
        Fixtures.Read read = Fixtures.readText("[\n" + good("a") + ",\n" + good("b") + " oops,\n" + good("c") + "\n]");

        assertThat(read.events()).extracting(e -> e.metadata().uid()).containsExactly("a", "b");
        QuarantinedRecord rest = read.onlyQuarantined();
        assertThat(rest.kind()).isEqualTo(QuarantineKind.MALFORMED_JSON);
        assertThat(rest.line()).isEqualTo(3);
        assertThat(rest.reason()).startsWith("malformed JSON at line 3");
        assertThat(rest.raw()).startsWith("oops,\n{\"eventTime\"");
    }

    @Test
    void read_truncatedGzip_keepsRecordsBeforeBreak() throws IOException {
        byte[] gz = Files.readAllBytes(Fixtures.path("cloudtrail/castai-trail.json.gz"));

        Fixtures.Read read = Fixtures.readBytes(Arrays.copyOf(gz, gz.length * 2 / 3));

        assertThat(read.events()).isNotEmpty().hasSizeLessThan(9);
        assertThat(read.onlyQuarantined().kind()).isEqualTo(QuarantineKind.TRUNCATED_INPUT);
        assertThat(read.onlyQuarantined().reason()).startsWith("compressed input ends early (truncated .gz)");
    }

    @Test
    void read_corruptGzipHeader_quarantinedAsUnreadable() {
        Fixtures.Read read = Fixtures.readBytes(new byte[] {0x1f, (byte) 0x8b, 0x01, 0x02, 0x03});

        assertThat(read.onlyQuarantined().kind()).isEqualTo(QuarantineKind.UNREADABLE_INPUT);
        assertThat(read.onlyQuarantined().reason()).startsWith("gzip header is corrupt or cut off");
    }

    @Test
    void read_invalidUtf8_quarantinedAsMalformed() {
        byte[] line = (good("a") + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] bad = "{\"eventName\":\"\u00ff\"}\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] bytes = Arrays.copyOf(bad, bad.length + line.length);
        System.arraycopy(line, 0, bytes, bad.length, line.length);

        Fixtures.Read read = Fixtures.readBytes(bytes);

        assertThat(read.events()).hasSize(1);
        assertThat(read.onlyQuarantined().kind()).isEqualTo(QuarantineKind.MALFORMED_JSON);
        assertThat(read.onlyQuarantined().reason()).contains("Invalid UTF-8");
    }

    @Test
    void read_secretsInMalformedLine_redactedInQuarantinedRaw() {
        Fixtures.Read read = Fixtures.readText("{\"time\":\"2026-11-20T10:00:00Z\",\"operationName\":\"x/write\","
                + "\"properties\":{\"requestbody\":\"{\\\"adminPassword\\\":\\\"Hunter2!\\\"}\","
                + "\"customData\":\"c2VjcmV0LXNjcmlwdA==\", \"protectedSettings\": {\"key\": \"s3cr3t\"}} oops\n");

        QuarantinedRecord bad = read.onlyQuarantined();
        assertThat(bad.kind()).isEqualTo(QuarantineKind.MALFORMED_JSON);
        assertThat(bad.raw()).doesNotContain("Hunter2!").doesNotContain("c2VjcmV0LXNjcmlwdA==").doesNotContain("s3cr3t")
                .contains("\\\"adminPassword\\\"").contains("[redacted length=8 sha256=");
    }

    @Test
    void read_secretsInQuarantinedParsedRecord_redactedInRaw() {
        Fixtures.Read read = Fixtures.readText("""
            {"eventTime":"2026-11-20T10:15:31Z","eventSource":"ec2.amazonaws.com",
             "requestParameters":{"userData":"c2VjcmV0"}}""".replace("\n", ""));

        assertThat(read.onlyQuarantined().kind()).isEqualTo(QuarantineKind.MISSING_FIELD);
        assertThat(read.onlyQuarantined().raw()).doesNotContain("c2VjcmV0").contains("\"redacted\":true");
    }

    @Test
    void read_logsQueryRowWithWrongWidth_quarantinedAndOtherRowsRead() {
        Fixtures.Read read = Fixtures.readText("""
            {"tables":[{"name":"PrimaryResult",
              "columns":[{"name":"TimeGenerated","type":"datetime"},{"name":"OperationNameValue","type":"string"},
                         {"name":"ActivityStatusValue","type":"string"}],
              "rows":[["2026-11-20T10:00:00Z","MICROSOFT.COMPUTE/VIRTUALMACHINES/WRITE"],
                      ["2026-11-20T10:00:01Z","MICROSOFT.COMPUTE/VIRTUALMACHINES/DELETE","Success"]]}]}""");

        assertThat(read.events()).extracting(e -> e.api().action())
                .containsExactly("microsoft.compute/virtualmachines/delete");
        assertThat(read.onlyQuarantined().kind()).isEqualTo(QuarantineKind.INVALID_VALUE);
        assertThat(read.onlyQuarantined().reason()).isEqualTo("the record has 2 values but the table has 3 columns");
        assertThat(read.onlyQuarantined().line()).isEqualTo(4);
        assertThat(read.onlyQuarantined().cloud()).contains(CloudProvider.AZURE);
    }

    @Test
    void read_quarantinedRawOverCap_cutAndFlagged() {
        String line = "{\"msg\":\"" + "x".repeat(300_000) + "\"";

        QuarantinedRecord bad = Fixtures.readText(line + "\n").onlyQuarantined();

        assertThat(bad.truncated()).isTrue();
        assertThat(bad.raw().length()).isEqualTo(QuarantinedRecord.MAX_RAW_BYTES);
    }

    // the 1-based line of the record's "{" that precedes the first line containing marker
    private static long openingBraceLineBefore(String text, String marker) {
        String[] lines = text.split("\n", -1);
        int at = 0;
        while (!lines[at].contains(marker)) {
            at++;
        }
        while (!lines[at].trim().equals("{")) {
            at--;
        }
        return at + 1;
    }
}
