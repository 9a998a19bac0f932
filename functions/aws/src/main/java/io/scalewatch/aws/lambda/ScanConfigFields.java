package io.scalewatch.aws.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scalewatch.aws.access.AwsErrors;
import io.scalewatch.core.aivss.AgentProfile;
import io.scalewatch.core.aivss.AgentProfileException;
import io.scalewatch.core.aivss.AgentProfiles;
import io.scalewatch.core.checkpoint.ScanWindow;
import io.scalewatch.core.run.ScanConfigException;
import io.scalewatch.core.suppress.SuppressionFile;
import io.scalewatch.core.suppress.SuppressionFileException;
import io.scalewatch.core.suppress.Suppressions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The merged config fields of one invocation of a scheduled scan (AWS, GCP or Azure: every handler runs in AWS
 * Lambda), each field taken from the first source that sets it:
 * <ol>
 *   <li>the EventBridge Scheduler event (the schedule target's {@code Input} JSON; an EventBridge event's
 *       {@code detail} when the function is invoked by an EventBridge rule);
 *   <li>the JSON object at the config-object variable ({@code s3://bucket/key}), when set;
 *   <li>the environment's defaults (the cloud's {@code *Environment.variables()}).
 * </ol>
 * JSON objects ({@code window}, {@code settings}) merge field by field; a {@code null} sets nothing. Unknown fields
 * are errors (a typo must not silently fall back to a default). Typed reads throw the cloud's
 * {@link ScanConfigException} naming the field and where its value came from. The fields every cloud shares
 * (outputs, profile, settings, window, deadline reserve, now) are read here, under {@link AwsScanConfig}'s names.
 *
 * <pre>{@code
 * ScanConfigFields f = ScanConfigFields.load(ScanConfigFields.Spec.of(GcpEnvironment.CONFIG_S3,
 *         GcpEnvironment.variables(), GcpScanConfig.FIELDS), env, s3, event, ScanConfigException::new);
 * List<String> projects = f.list(GcpScanConfig.PROJECTS);
 * }</pre>
 */
public final class ScanConfigFields {
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Pattern S3_URL = Pattern.compile("s3://([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])/(.+)");
    private static final Pattern FIELD_IN_MESSAGE = Pattern.compile("config fields? '([A-Za-z]+)'");
    private static final long MAX_CONFIG_BYTES = 256 * 1024;
    private static final int MAX_SUPPRESSION_DAYS = 3650;
    private static final String EVENT = "the event";

    /** The fields every cloud's config shares (outputs, profile, settings, window, reserve, now), in docs order. */
    public static final List<String> SHARED_FIELDS = List.of(AwsScanConfig.FINDINGS_BUCKET,
            AwsScanConfig.FINDINGS_PREFIX, AwsScanConfig.KMS_KEY_ID, AwsScanConfig.STATE_BUCKET,
            AwsScanConfig.SECURITY_HUB_ENABLED, AwsScanConfig.PROFILE, AwsScanConfig.SETTINGS,
            AwsScanConfig.SUPPRESSIONS, AwsScanConfig.SUPPRESSION_MAX_DAYS, AwsScanConfig.WINDOW,
            AwsScanConfig.DEADLINE_RESERVE, AwsScanConfig.NOW);

    /** The {@link AwsEnvironment} variables of {@link #SHARED_FIELDS} (GCP and Azure use the same names). */
    public static List<AwsEnvironment.Variable> sharedVariables() {
        return AwsEnvironment.variables().stream().filter(v -> !v.field().isEmpty()
                && SHARED_FIELDS.contains(v.field().split("\\.")[0])).toList();
    }

    /**
     * What a cloud's config may hold.
     *
     * @param configS3Variable the variable naming the config object
     * @param variables every variable with the field it is the default of
     * @param fields every top-level field (including {@link AwsScanConfig#WINDOW} and {@link AwsScanConfig#SETTINGS})
     */
    public record Spec(String configS3Variable, List<AwsEnvironment.Variable> variables, List<String> fields) {
        public Spec {
            Objects.requireNonNull(configS3Variable, "configS3Variable");
            variables = List.copyOf(variables);
            fields = List.copyOf(fields);
        }

        Optional<AwsEnvironment.Variable> forField(String field) {
            return variables.stream().filter(v -> v.field().equals(field)).findFirst();
        }
    }

    private final Spec spec;
    private final S3Client s3;
    private final Function<String, ? extends ScanConfigException> exceptions;
    private final ObjectNode merged = JsonNodeFactory.instance.objectNode();
    private final Map<String, String> origin = new HashMap<>();

    private ScanConfigFields(Spec spec, S3Client s3, Function<String, ? extends ScanConfigException> exceptions) {
        this.spec = spec;
        this.s3 = s3;
        this.exceptions = exceptions;
    }

    /**
     * Reads and merges the three sources.
     *
     * @param env the environment ({@code System.getenv()})
     * @param s3 reads the config and suppression objects (the function's own credentials)
     * @param event the scheduler's input (may be empty: environment defaults only)
     * @param exceptions the cloud's config exception for a message
     * @throws ScanConfigException (made by {@code exceptions}) when a source cannot be read or names an unknown field
     */
    public static ScanConfigFields load(Spec spec, Map<String, String> env, S3Client s3, Map<String, Object> event,
            Function<String, ? extends ScanConfigException> exceptions) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(s3, "s3");
        ScanConfigFields f = new ScanConfigFields(spec, s3, Objects.requireNonNull(exceptions, "exceptions"));
        f.add(f.environmentLayer(env), "env");
        Optional<String> configUrl = nonBlank(env.get(spec.configS3Variable()));
        if (configUrl.isPresent()) {
            f.add(f.checked(f.s3Layer(s3, configUrl.get()), configUrl.get()), configUrl.get());
        }
        f.add(f.checked(f.eventLayer(event), EVENT), EVENT);
        return f;
    }

    // ---- sources

    private ObjectNode environmentLayer(Map<String, String> env) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (AwsEnvironment.Variable variable : spec.variables()) {
            Optional<String> value = nonBlank(env.get(variable.name()));
            if (variable.field().isEmpty() || value.isEmpty()) {
                continue;
            }
            String field = variable.field();
            if (field.equals(AwsScanConfig.SETTINGS)
                    || field.equals(AwsScanConfig.SUPPRESSIONS) && value.get().startsWith("{")) {
                node.set(field, readObject(value.get(), "env " + variable.name()));
            } else if (field.startsWith(AwsScanConfig.WINDOW + ".")) {
                node.withObjectProperty(AwsScanConfig.WINDOW)
                        .put(field.substring(AwsScanConfig.WINDOW.length() + 1), value.get());
            } else {
                node.put(field, value.get());
            }
        }
        return node;
    }

    private ObjectNode s3Layer(S3Client s3, String url) {
        String variable = spec.configS3Variable();
        Matcher m = S3_URL.matcher(url);
        if (!m.matches()) {
            throw exceptions.apply("env " + variable + ": '" + url + "' is not an S3 URL such as"
                    + " s3://bucket/scalewatch/config.json");
        }
        byte[] bytes;
        try (InputStream in = s3.getObject(b -> b.bucket(m.group(1)).key(m.group(2)))) {
            bytes = in.readNBytes((int) MAX_CONFIG_BYTES + 1);
        } catch (SdkException e) {
            throw exceptions.apply("config object " + url + " (env " + variable + ") cannot be read: "
                    + AwsErrors.describe(e));
        } catch (IOException e) {
            throw exceptions.apply("config object " + url + " (env " + variable + ") cannot be read: "
                    + AwsErrors.scrub(e.getMessage()));
        }
        if (bytes.length > MAX_CONFIG_BYTES) {
            throw exceptions.apply("config object " + url + " is larger than " + MAX_CONFIG_BYTES
                    + " bytes; it holds config fields, not data");
        }
        return readObject(new String(bytes, StandardCharsets.UTF_8), "config object " + url);
    }

    private ObjectNode eventLayer(Map<String, Object> event) {
        if (event == null || event.isEmpty()) {
            return JsonNodeFactory.instance.objectNode();
        }
        JsonNode node;
        try {
            node = JSON.valueToTree(event);
        } catch (IllegalArgumentException e) {
            throw exceptions.apply("the event is not a JSON object of config fields: " + e.getMessage());
        }
        // An EventBridge rule (not Scheduler) wraps its input: the config is the event's detail.
        if (node.has("detail-type") && node.has("source")) {
            JsonNode detail = node.path("detail");
            return detail.isObject() ? (ObjectNode) detail : JsonNodeFactory.instance.objectNode();
        }
        return (ObjectNode) node;
    }

    private ObjectNode readObject(String text, String where) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject()) {
                throw exceptions.apply(where + " must hold a JSON object, got "
                        + (node == null ? "nothing" : node.getNodeType()));
            }
            return (ObjectNode) node;
        } catch (JsonProcessingException e) {
            throw exceptions.apply(where + " is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** A layer that may only name known fields. */
    private ObjectNode checked(ObjectNode layer, String where) {
        for (Iterator<String> names = layer.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!spec.fields().contains(name)) {
                throw exceptions.apply("unknown config field '" + name + "' in " + where + "; known fields: "
                        + String.join(", ", spec.fields()));
            }
        }
        JsonNode window = layer.path(AwsScanConfig.WINDOW);
        if (!window.isMissingNode() && !window.isNull()) {
            if (!window.isObject()) {
                throw exceptions.apply("config field '" + AwsScanConfig.WINDOW + "' in " + where
                        + " must be an object with " + String.join(", ", AwsScanConfig.WINDOW_FIELDS));
            }
            for (Iterator<String> names = window.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!AwsScanConfig.WINDOW_FIELDS.contains(name)) {
                    throw exceptions.apply("unknown config field 'window." + name + "' in " + where
                            + "; known: " + String.join(", ", AwsScanConfig.WINDOW_FIELDS));
                }
            }
        }
        JsonNode suppressions = layer.path(AwsScanConfig.SUPPRESSIONS);
        if (!suppressions.isMissingNode() && !suppressions.isNull() && !suppressions.isObject()
                && !suppressions.isTextual()) {
            throw exceptions.apply("config field '" + AwsScanConfig.SUPPRESSIONS + "' in " + where
                    + " must be an s3:// URL of a suppression file or the suppression document (an object), got "
                    + suppressions.getNodeType());
        }
        JsonNode settings = layer.path(AwsScanConfig.SETTINGS);
        if (!settings.isMissingNode() && !settings.isNull() && !settings.isObject()) {
            throw exceptions.apply("config field '" + AwsScanConfig.SETTINGS + "' in " + where
                    + " must be a JSON object of policy settings overrides, got " + settings.getNodeType());
        }
        return layer;
    }

    private void add(ObjectNode layer, String where) {
        for (Iterator<Map.Entry<String, JsonNode>> it = layer.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getValue().isNull()) {
                continue;
            }
            String name = field.getKey();
            JsonNode current = merged.get(name);
            // a suppression document is one unit: the source that gives one replaces it whole
            if (current != null && current.isObject() && field.getValue().isObject()
                    && !name.equals(AwsScanConfig.SUPPRESSIONS)) {
                deepMerge((ObjectNode) current, (ObjectNode) field.getValue());
            } else {
                merged.set(name, field.getValue().deepCopy());
            }
            String source = where.equals("env") ? spec.forField(name).map(v -> "env " + v.name())
                    .orElse("the environment") : where;
            origin.merge(name, source, (a, b) -> field.getValue().isObject() && !a.equals(b) ? a + " and " + b : b);
        }
    }

    private static void deepMerge(ObjectNode into, ObjectNode from) {
        for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode current = into.get(field.getKey());
            if (field.getValue().isNull()) {
                continue;
            }
            if (current != null && current.isObject() && field.getValue().isObject()) {
                deepMerge((ObjectNode) current, (ObjectNode) field.getValue());
            } else {
                into.set(field.getKey(), field.getValue().deepCopy());
            }
        }
    }

    // ---- typed reads

    /** Where a top-level field's value came from, as {@code " (from ...)"}; empty when unset. */
    public String from(String field) {
        String where = origin.get(field);
        return where == null ? "" : " (from " + where + ")";
    }

    /** A config error about {@code field} (dotted for nested ones), naming where its value came from. */
    public ScanConfigException error(String field, String problem) {
        return exceptions.apply("config field '" + field + "'" + from(field.split("\\.")[0]) + ": " + problem);
    }

    /**
     * A config error from a record's validation message ({@code config field 'x': ...}), with where {@code x} came
     * from appended.
     */
    public ScanConfigException error(IllegalArgumentException e) {
        if (e instanceof ScanConfigException config) {
            return config;
        }
        Matcher m = FIELD_IN_MESSAGE.matcher(String.valueOf(e.getMessage()));
        return exceptions.apply(e.getMessage() + (m.find() ? from(m.group(1)) : ""));
    }

    /** A required field's text, or an error saying what it is and which variable sets it. */
    public String required(String field, String what) {
        return text(field).orElseThrow(() -> missing(field, what));
    }

    /** The error of a required field that is not set, naming the variable that sets it. */
    public ScanConfigException missing(String field, String what) {
        return exceptions.apply("config field '" + field + "' is required: " + what
                + spec.forField(field).map(v -> " (env " + v.name() + ", or in the event)").orElse(" (in the event)"));
    }

    /** The merged JSON of a field, if set. */
    public Optional<JsonNode> node(String field) {
        JsonNode node = merged.get(field);
        return node == null || node.isNull() ? Optional.empty() : Optional.of(node);
    }

    /** A string field, trimmed; blank counts as unset. */
    public Optional<String> text(String field) {
        JsonNode node = merged.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw error(field, "must be a string, got " + node.getNodeType());
        }
        return nonBlank(node.asText());
    }

    /** A list field: a JSON array of strings or one comma-separated string. */
    public List<String> list(String field) {
        JsonNode node = merged.get(field);
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (node.isTextual()) {
            for (String part : node.asText().split(",")) {
                nonBlank(part).ifPresent(out::add);
            }
            return out;
        }
        if (!node.isArray()) {
            throw error(field, "must be a list of strings (or one comma-separated string), got " + node.getNodeType());
        }
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw error(field, "must be a list of strings, got an element of type " + item.getNodeType());
            }
            nonBlank(item.asText()).ifPresent(out::add);
        }
        return out;
    }

    /** A whole-number field within {@code min..max}: a JSON integer or a string of digits. */
    public Optional<Integer> integer(String field, int min, int max) {
        JsonNode node = merged.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        String text = node.asText().trim();
        if ((node.isInt() || node.isTextual()) && text.matches("\\d{1,9}")) {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return Optional.of(value);
            }
        }
        throw error(field, "must be a whole number within " + min + ".." + max + ", got " + node);
    }

    /** A boolean field: JSON true/false or the strings "true"/"false". */
    public Optional<Boolean> bool(String field) {
        JsonNode node = merged.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (node.isBoolean()) {
            return Optional.of(node.asBoolean());
        }
        String value = node.isTextual() ? node.asText().trim().toLowerCase(Locale.ROOT) : "";
        if (value.equals("true") || value.equals("false")) {
            return Optional.of(Boolean.parseBoolean(value));
        }
        throw error(field, "must be true or false, got " + node);
    }

    /** An ISO-8601 duration field, top-level or dotted ({@code window.overlap}). */
    public Optional<Duration> duration(String field) {
        JsonNode parent = field.contains(".") ? merged.path(field.substring(0, field.indexOf('.'))) : merged;
        String name = field.substring(field.lastIndexOf('.') + 1);
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw error(field, "must be an ISO-8601 duration string such as PT10M, got " + node.getNodeType());
        }
        try {
            return Optional.of(Duration.parse(node.asText().trim()));
        } catch (DateTimeParseException e) {
            throw error(field, "'" + node.asText() + "' is not an ISO-8601 duration such as PT10M or PT24H");
        }
    }

    /** An ISO-8601 instant field. */
    public Optional<Instant> instant(String field) {
        Optional<String> value = text(field);
        try {
            return value.map(Instant::parse);
        } catch (DateTimeParseException e) {
            throw error(field, "'" + value.orElse("") + "' is not an ISO-8601 UTC instant such as"
                    + " 2026-11-25T00:00:00Z");
        }
    }

    // ---- the fields every cloud shares

    /** Findings bucket (required), prefix, KMS key, state bucket (default: findings bucket), Security Hub. */
    public AwsScanConfig.Outputs outputs() {
        String findingsBucket = required(AwsScanConfig.FINDINGS_BUCKET, "the bucket findings and summaries go to");
        try {
            return new AwsScanConfig.Outputs(findingsBucket, text(AwsScanConfig.FINDINGS_PREFIX).orElse(""),
                    text(AwsScanConfig.KMS_KEY_ID).orElse(""),
                    text(AwsScanConfig.STATE_BUCKET).orElse(findingsBucket),
                    bool(AwsScanConfig.SECURITY_HUB_ENABLED).orElse(true));
        } catch (IllegalArgumentException e) {
            throw error(e);
        }
    }

    /** The built-in agent profile (default castai). */
    public AgentProfile profile() {
        try {
            return AgentProfiles.builtIn(text(AwsScanConfig.PROFILE).orElse("castai"));
        } catch (AgentProfileException e) {
            throw error(AwsScanConfig.PROFILE, e.getMessage());
        }
    }

    /** Policy settings overrides, {@code null} when none. */
    public JsonNode settings() {
        return merged.get(AwsScanConfig.SETTINGS);
    }

    /**
     * The suppressions: an {@code s3://} URL of a suppression file or the document inline, validated now so a broken
     * file stops the run as invalid config instead of silently raising (or hiding) findings.
     *
     * @param now the instant a suppression's expiry horizon ({@code suppressionMaxDays}, default 365) counts from
     */
    public Suppressions suppressions(Instant now) {
        int maxDays = integer(AwsScanConfig.SUPPRESSION_MAX_DAYS, 1, MAX_SUPPRESSION_DAYS)
                .orElse((int) SuppressionFile.DEFAULT_MAX_HORIZON.toDays());
        Optional<JsonNode> node = node(AwsScanConfig.SUPPRESSIONS);
        if (node.isEmpty()) {
            return Suppressions.none();
        }
        Duration horizon = Duration.ofDays(maxDays);
        try {
            if (node.get().isObject()) {
                return SuppressionFile.of(node.get(), "inline", now, horizon);
            }
            String url = node.get().asText().trim();
            Matcher m = S3_URL.matcher(url);
            if (!m.matches()) {
                throw error(AwsScanConfig.SUPPRESSIONS, "'" + url + "' is not an S3 URL such as"
                        + " s3://bucket/scalewatch/suppressions.json (or give the suppression document inline)");
            }
            return SuppressionFile.parse(readSuppressionObject(m.group(1), m.group(2), url), url, now, horizon);
        } catch (SuppressionFileException e) {
            throw error(AwsScanConfig.SUPPRESSIONS, e.getMessage());
        }
    }

    private byte[] readSuppressionObject(String bucket, String key, String url) {
        int maxBytes = SuppressionFile.MAX_BYTES;
        try (InputStream in = s3.getObject(b -> b.bucket(bucket).key(key))) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw error(AwsScanConfig.SUPPRESSIONS, "object " + url + " is larger than " + maxBytes + " bytes");
            }
            return bytes;
        } catch (SdkException e) {
            throw error(AwsScanConfig.SUPPRESSIONS, "object " + url + " cannot be read: " + AwsErrors.describe(e));
        } catch (IOException e) {
            throw error(AwsScanConfig.SUPPRESSIONS, "object " + url + " cannot be read: "
                    + AwsErrors.scrub(e.getMessage()));
        }
    }

    /** The window policy, each field defaulting to {@link ScanWindow.Policy#DEFAULT}'s. */
    public ScanWindow.Policy window() {
        ScanWindow.Policy d = ScanWindow.Policy.DEFAULT;
        String w = AwsScanConfig.WINDOW + ".";
        try {
            return new ScanWindow.Policy(
                    duration(w + AwsScanConfig.OVERLAP).orElse(d.overlap()),
                    duration(w + AwsScanConfig.INGESTION_DELAY).orElse(d.ingestionDelay()),
                    duration(w + AwsScanConfig.MAX_WINDOW).orElse(d.maxWindow()),
                    duration(w + AwsScanConfig.FIRST_RUN_BACKFILL).orElse(d.firstRunBackfill()));
        } catch (ScanConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw error(AwsScanConfig.WINDOW, e.getMessage());
        }
    }

    /** The deadline reserve (default 60 s); its range is checked by the config record. */
    public Duration deadlineReserve() {
        return duration(AwsScanConfig.DEADLINE_RESERVE).orElse(AwsScanConfig.DEFAULT_RESERVE);
    }

    /** The fixed instant windows are cut from, {@code null} for the clock's. */
    public Instant now() {
        return instant(AwsScanConfig.NOW).orElse(null);
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
