package io.scalewatch.core.suppress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates a suppression file (JSON; format in docs/suppressions.md):
 *
 * <pre>{@code
 * {"version": 1, "suppressions": [
 *   {"rule": "SW-L4-003", "account": "111122223333", "resource": "arn:aws:ec2:*:111122223333:instance/*",
 *    "owner": "platform-team@example.com", "reason": "GPU pool for the ML team, ticket OPS-412",
 *    "expires": "2027-03-01", "created": "2026-11-20"}]}
 * }</pre>
 *
 * Validation is strict: unknown or duplicate fields, wrong types, malformed globs or dates, an entry that would
 * match every finding, and an expiry further than the horizon from now are errors naming the entry index, the
 * field, the value and what is valid. An entry that has already expired is valid: the scan reports it, so a
 * scheduled run never breaks on the day a suppression lapses.
 */
public final class SuppressionFile {
    /** How far ahead an expiry may be: suppressions are reviewed at least yearly unless the deployment says so. */
    public static final Duration DEFAULT_MAX_HORIZON = Duration.ofDays(365);
    /** Largest file read, in bytes. */
    public static final int MAX_BYTES = 1024 * 1024;
    /** Most entries in one file. */
    public static final int MAX_ENTRIES = 1000;

    static final String VERSION = "version";
    static final String SUPPRESSIONS = "suppressions";
    static final String RULE = "rule";
    static final String CLOUD = "cloud";
    static final String ACCOUNT = "account";
    static final String REGION = "region";
    static final String RESOURCE = "resource";
    static final String FINDING_ID = "finding_id";
    static final String OWNER = "owner";
    static final String REASON = "reason";
    static final String EXPIRES = "expires";
    static final String CREATED = "created";
    /** Every field of an entry, in the order of the docs. */
    public static final List<String> ENTRY_FIELDS = List.of(RULE, CLOUD, ACCOUNT, REGION, RESOURCE, FINDING_ID,
            OWNER, REASON, EXPIRES, CREATED);
    private static final List<String> TOP_FIELDS = List.of(VERSION, SUPPRESSIONS);

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Pattern RULE_GLOB = Pattern.compile("[A-Za-z0-9*?_-]{1,64}");
    private static final Pattern NO_SPACE_GLOB = Pattern.compile("[\\x21-\\x7e]{1,256}");
    private static final Pattern FINDING = Pattern.compile("sw-[0-9a-f]{32}");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Set<String> CLOUDS = Set.of("aws", "gcp", "azure");
    private static final int MAX_RESOURCE = 2048;
    private static final int MAX_OWNER = 256;
    private static final int MAX_REASON = 1024;
    private static final Duration CREATED_SKEW = Duration.ofDays(1);

    private SuppressionFile() {}

    /**
     * Reads a suppression file.
     *
     * @param now the time the horizon is measured from (the scan's start)
     * @param maxHorizon the furthest an expiry may lie after {@code now}
     * @throws SuppressionFileException when the file cannot be read or is not valid
     */
    public static Suppressions read(Path file, Instant now, Duration maxHorizon) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new SuppressionFileException("suppression file " + file + " cannot be read: " + e.getMessage(), e);
        }
        return parse(bytes, file.toString(), now, maxHorizon);
    }

    /**
     * Parses a suppression file's bytes (UTF-8 JSON).
     *
     * @param source what the bytes are, for messages and the summary (a path or {@code s3://} URL)
     * @throws SuppressionFileException when the content is not valid
     */
    public static Suppressions parse(byte[] bytes, String source, Instant now, Duration maxHorizon) {
        if (bytes.length > MAX_BYTES) {
            throw new SuppressionFileException("suppression file " + source + " is larger than " + MAX_BYTES
                    + " bytes; keep at most " + MAX_ENTRIES + " entries");
        }
        JsonNode root;
        try {
            root = JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new SuppressionFileException("suppression file " + source + ": not valid JSON: "
                    + e.getOriginalMessage());
        }
        return of(root, source, now, maxHorizon);
    }

    /**
     * Validates a parsed suppression document (an S3 object or an inline config object).
     *
     * @throws SuppressionFileException when the document is not valid
     */
    public static Suppressions of(JsonNode root, String source, Instant now, Duration maxHorizon) {
        if (maxHorizon == null || maxHorizon.isNegative() || maxHorizon.isZero()) {
            throw new IllegalArgumentException("maxHorizon must be a positive duration, got " + maxHorizon);
        }
        Reader r = new Reader(source);
        if (root == null || !root.isObject()) {
            throw r.fail("must hold a JSON object {\"version\": 1, \"suppressions\": [...]}, got "
                    + (root == null ? "nothing" : root.getNodeType()));
        }
        r.onlyKnown(root, TOP_FIELDS, "");
        JsonNode version = root.path(VERSION);
        if (!version.isInt() || version.asInt() != 1) {
            throw r.fail("field 'version' must be 1, got " + (version.isMissingNode() ? "nothing" : version));
        }
        JsonNode list = root.path(SUPPRESSIONS);
        if (!list.isArray()) {
            throw r.fail("field 'suppressions' must be a list of entries, got "
                    + (list.isMissingNode() ? "nothing" : list.getNodeType()));
        }
        if (list.size() > MAX_ENTRIES) {
            throw r.fail("holds " + list.size() + " entries; at most " + MAX_ENTRIES + " are allowed");
        }
        List<Suppression> entries = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            entries.add(entry(r, i, list.get(i), now, maxHorizon));
        }
        return new Suppressions(source, entries);
    }

    private static Suppression entry(Reader r, int i, JsonNode node, Instant now, Duration maxHorizon) {
        String at = "suppressions[" + i + "]";
        if (!node.isObject()) {
            throw r.fail(at + " must be an object with " + String.join(", ", ENTRY_FIELDS) + ", got "
                    + node.getNodeType());
        }
        r.onlyKnown(node, ENTRY_FIELDS, at + ".");
        String rule = r.required(node, at, RULE, "a rule id or glob such as SW-L4-003 or SW-L6-*");
        if (!RULE_GLOB.matcher(rule).matches()) {
            throw r.field(at, RULE, rule, "must be a rule id or glob of A-Z a-z 0-9 - _ * ? (at most 64), such as"
                    + " SW-L4-003 or SW-L6-*");
        }
        String cloud = r.optional(node, at, CLOUD);
        if (!cloud.isEmpty() && !CLOUDS.contains(cloud)) {
            throw r.field(at, CLOUD, cloud, "must be one of aws, gcp, azure");
        }
        String account = glob(r, node, at, ACCOUNT, "an account id, GCP project or Azure subscription (glob)");
        String region = glob(r, node, at, REGION, "a region glob such as us-east-1 or europe-*");
        String resource = r.optional(node, at, RESOURCE);
        if (resource.length() > MAX_RESOURCE || !printable(resource)) {
            throw r.field(at, RESOURCE, resource, "must be a resource glob of at most " + MAX_RESOURCE
                    + " printable characters");
        }
        String findingId = r.optional(node, at, FINDING_ID);
        if (!findingId.isEmpty() && !FINDING.matcher(findingId).matches()) {
            throw r.field(at, FINDING_ID, findingId, "must be a finding id as findings.jsonl shows it: sw- and 32"
                    + " lowercase hex digits");
        }
        if (Glob.matchesAll(rule) && cloud.isEmpty() && account.isEmpty() && region.isEmpty() && resource.isEmpty()
                && findingId.isEmpty()) {
            throw r.fail(at + " would suppress every finding (rule '" + rule + "' and no cloud, account, region,"
                    + " resource or finding_id); name a rule or narrow it");
        }
        String owner = r.required(node, at, OWNER, "who answers for this suppression, e.g. a team or e-mail");
        if (owner.length() > MAX_OWNER || !printable(owner)) {
            throw r.field(at, OWNER, owner, "must be at most " + MAX_OWNER + " printable characters");
        }
        String reason = r.required(node, at, REASON, "why the finding is accepted (and a ticket)");
        if (reason.length() > MAX_REASON || !printable(reason)) {
            throw r.field(at, REASON, reason, "must be at most " + MAX_REASON + " printable characters");
        }
        Instant expires = instant(r, at, EXPIRES, r.required(node, at, EXPIRES, "an ISO date such as 2027-03-01"));
        if (expires.isAfter(now.plus(maxHorizon))) {
            throw r.field(at, EXPIRES, node.path(EXPIRES).asText(), "is more than " + maxHorizon.toDays()
                    + " days after now (" + now + "); suppressions must be reviewed within that horizon: set an"
                    + " expiry on or before " + now.plus(maxHorizon));
        }
        String createdText = r.optional(node, at, CREATED);
        Instant created = createdText.isEmpty() ? null : instant(r, at, CREATED, createdText);
        if (created != null && created.isAfter(expires)) {
            throw r.field(at, CREATED, createdText, "must not be after expires (" + expires + ")");
        }
        if (created != null && created.isAfter(now.plus(CREATED_SKEW))) {
            throw r.field(at, CREATED, createdText, "is in the future (now is " + now + ")");
        }
        return new Suppression(i, rule, cloud, account, region, resource, findingId, owner, reason, expires,
                created);
    }

    private static String glob(Reader r, JsonNode node, String at, String field, String what) {
        String value = r.optional(node, at, field);
        if (!value.isEmpty() && !NO_SPACE_GLOB.matcher(value).matches()) {
            throw r.field(at, field, value, "must be " + what + ": 1-256 printable characters without spaces");
        }
        return value;
    }

    // A date alone is the start of that day in UTC: "expires 2027-03-01" suppresses through 2027-02-28.
    private static Instant instant(Reader r, String at, String field, String text) {
        try {
            if (DATE.matcher(text).matches()) {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw r.field(at, field, text, "must be an ISO date such as 2027-03-01 (start of that day, UTC) or a"
                    + " date-time with offset such as 2027-03-01T12:00:00Z");
        }
    }

    private static boolean printable(String text) {
        return text.codePoints().noneMatch(c -> Character.isISOControl(c)
                || Character.getType(c) == Character.FORMAT || Character.getType(c) == Character.UNASSIGNED);
    }

    /** Typed reads that fail with the source, entry, field and value. */
    private static final class Reader {
        private final String source;

        Reader(String source) {
            this.source = source;
        }

        SuppressionFileException fail(String problem) {
            return new SuppressionFileException("suppression file " + source + ": " + problem);
        }

        SuppressionFileException field(String at, String field, String value, String problem) {
            String shown = value.length() > 80 ? value.substring(0, 80) + "..." : value;
            return fail(at + "." + field + " '" + shown.replaceAll("\\p{Cntrl}", "?") + "' " + problem);
        }

        void onlyKnown(JsonNode node, List<String> known, String at) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!known.contains(name)) {
                    throw fail("unknown field '" + at + name + "'; known fields: " + String.join(", ", known));
                }
            }
        }

        String required(JsonNode node, String at, String field, String what) {
            String value = optional(node, at, field);
            if (value.isEmpty()) {
                throw fail(at + "." + field + " is required: " + what);
            }
            return value;
        }

        String optional(JsonNode node, String at, String field) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return "";
            }
            if (!value.isTextual()) {
                throw fail(at + "." + field + " must be a string, got " + value.getNodeType() + " " + value);
            }
            if (value.asText().isBlank()) {
                throw fail(at + "." + field + " is blank; leave the field out or give a value");
            }
            return value.asText().strip();
        }
    }
}
