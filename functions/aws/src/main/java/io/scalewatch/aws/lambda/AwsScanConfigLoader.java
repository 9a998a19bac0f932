package io.scalewatch.aws.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scalewatch.aws.access.AwsErrors;
import io.scalewatch.core.aivss.AgentProfileException;
import io.scalewatch.core.aivss.AgentProfiles;
import io.scalewatch.core.checkpoint.ScanWindow;
import io.scalewatch.core.identity.IdentityMatcher;
import io.scalewatch.core.suppress.SuppressionFile;
import io.scalewatch.core.suppress.SuppressionFileException;
import io.scalewatch.core.suppress.Suppressions;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Reads an {@link AwsScanConfig} from its three sources, each field taken from the first that sets it:
 * <ol>
 *   <li>the EventBridge Scheduler event (the schedule target's {@code Input} JSON; an EventBridge event's
 *       {@code detail} when the function is invoked by an EventBridge rule);
 *   <li>the JSON object at {@code SCALEWATCH_CONFIG_S3} ({@code s3://bucket/key}), when set;
 *   <li>the environment's defaults ({@link AwsEnvironment}).
 * </ol>
 * JSON objects ({@code window}, {@code settings}) merge field by field; a {@code null} sets nothing. Unknown fields
 * are errors (a typo must not silently fall back to a default). Every error is an {@link AwsScanConfigException}
 * naming the field and where it came from.
 *
 * <pre>{@code
 * AwsScanConfig config = new AwsScanConfigLoader(System.getenv(), s3).load(event);
 * }</pre>
 */
public final class AwsScanConfigLoader {
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Pattern S3_URL = Pattern.compile("s3://([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])/(.+)");
    private static final Pattern FIELD_IN_MESSAGE = Pattern.compile("config fields? '([A-Za-z]+)'");
    private static final long MAX_CONFIG_BYTES = 256 * 1024;
    private static final int MAX_SUPPRESSION_DAYS = 3650;
    private static final String EVENT = "the event";

    private final Map<String, String> env;
    private final S3Client s3;
    private final Clock clock;

    /**
     * A loader on the system clock.
     *
     * @param env the environment ({@code System.getenv()})
     * @param s3 the client that reads the S3 config and suppression objects (the function's own credentials)
     */
    public AwsScanConfigLoader(Map<String, String> env, S3Client s3) {
        this(env, s3, Clock.systemUTC());
    }

    /**
     * A loader.
     *
     * @param clock the clock a suppression's expiry horizon is measured from
     */
    public AwsScanConfigLoader(Map<String, String> env, S3Client s3, Clock clock) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The config of one invocation.
     *
     * @param event the scheduler's input (may be empty: environment defaults only)
     * @throws AwsScanConfigException naming the field, its source and what is valid
     */
    public AwsScanConfig load(Map<String, Object> event) {
        Layers layers = new Layers();
        layers.add(environmentLayer(), "env");
        Optional<String> configUrl = nonBlank(env.get(AwsEnvironment.CONFIG_S3));
        if (configUrl.isPresent()) {
            layers.add(checked(s3Layer(configUrl.get()), configUrl.get()), configUrl.get());
        }
        layers.add(checked(eventLayer(event), EVENT), EVENT);
        return parse(layers, suppressions(layers));
    }

    // ---- suppressions: an s3:// URL of a suppression file or the document inline, validated now so a broken
    // file stops the run as invalid_config instead of silently raising (or hiding) findings

    private Suppressions suppressions(Layers layers) {
        Fields f = new Fields(layers);
        int maxDays = f.integer(AwsScanConfig.SUPPRESSION_MAX_DAYS, 1, MAX_SUPPRESSION_DAYS)
                .orElse((int) SuppressionFile.DEFAULT_MAX_HORIZON.toDays());
        JsonNode node = layers.merged.get(AwsScanConfig.SUPPRESSIONS);
        if (node == null || node.isNull()) {
            return Suppressions.none();
        }
        Duration horizon = Duration.ofDays(maxDays);
        try {
            if (node.isObject()) {
                return SuppressionFile.of(node, "inline", clock.instant(), horizon);
            }
            String url = node.asText().trim();
            Matcher m = S3_URL.matcher(url);
            if (!m.matches()) {
                throw f.error(AwsScanConfig.SUPPRESSIONS, "'" + url + "' is not an S3 URL such as"
                        + " s3://bucket/scalewatch/suppressions.json (or give the suppression document inline)");
            }
            return SuppressionFile.parse(readS3(m.group(1), m.group(2), url, SuppressionFile.MAX_BYTES),
                    url, clock.instant(), horizon);
        } catch (SuppressionFileException e) {
            throw f.error(AwsScanConfig.SUPPRESSIONS, e.getMessage());
        } catch (AwsScanConfigException e) {
            throw e.getMessage().startsWith("config field") ? e : f.error(AwsScanConfig.SUPPRESSIONS, e.getMessage());
        }
    }

    private byte[] readS3(String bucket, String key, String url, int maxBytes) {
        try (InputStream in = s3.getObject(b -> b.bucket(bucket).key(key))) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new AwsScanConfigException("object " + url + " is larger than " + maxBytes + " bytes");
            }
            return bytes;
        } catch (SdkException e) {
            throw new AwsScanConfigException("object " + url + " cannot be read: " + AwsErrors.describe(e));
        } catch (IOException e) {
            throw new AwsScanConfigException("object " + url + " cannot be read: " + AwsErrors.scrub(e.getMessage()));
        }
    }

    // ---- sources

    private ObjectNode environmentLayer() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (AwsEnvironment.Variable variable : AwsEnvironment.variables()) {
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

    private ObjectNode s3Layer(String url) {
        Matcher m = S3_URL.matcher(url);
        if (!m.matches()) {
            throw new AwsScanConfigException("env " + AwsEnvironment.CONFIG_S3 + ": '" + url + "' is not an S3 URL"
                    + " such as s3://bucket/scalewatch/config.json");
        }
        byte[] bytes;
        try (InputStream in = s3.getObject(b -> b.bucket(m.group(1)).key(m.group(2)))) {
            bytes = in.readNBytes((int) MAX_CONFIG_BYTES + 1);
        } catch (SdkException e) {
            throw new AwsScanConfigException("config object " + url + " (env " + AwsEnvironment.CONFIG_S3
                    + ") cannot be read: " + AwsErrors.describe(e));
        } catch (IOException e) {
            throw new AwsScanConfigException("config object " + url + " (env " + AwsEnvironment.CONFIG_S3
                    + ") cannot be read: " + AwsErrors.scrub(e.getMessage()));
        }
        if (bytes.length > MAX_CONFIG_BYTES) {
            throw new AwsScanConfigException("config object " + url + " is larger than " + MAX_CONFIG_BYTES
                    + " bytes; it holds config fields, not data");
        }
        return readObject(new String(bytes, java.nio.charset.StandardCharsets.UTF_8), "config object " + url);
    }

    private static ObjectNode eventLayer(Map<String, Object> event) {
        if (event == null || event.isEmpty()) {
            return JsonNodeFactory.instance.objectNode();
        }
        JsonNode node;
        try {
            node = JSON.valueToTree(event);
        } catch (IllegalArgumentException e) {
            throw new AwsScanConfigException("the event is not a JSON object of config fields: " + e.getMessage());
        }
        // An EventBridge rule (not Scheduler) wraps its input: the config is the event's detail.
        if (node.has("detail-type") && node.has("source")) {
            JsonNode detail = node.path("detail");
            return detail.isObject() ? (ObjectNode) detail : JsonNodeFactory.instance.objectNode();
        }
        return (ObjectNode) node;
    }

    private static ObjectNode readObject(String text, String where) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject()) {
                throw new AwsScanConfigException(where + " must hold a JSON object, got "
                        + (node == null ? "nothing" : node.getNodeType()));
            }
            return (ObjectNode) node;
        } catch (JsonProcessingException e) {
            throw new AwsScanConfigException(where + " is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** A layer that may only name known fields. */
    private static ObjectNode checked(ObjectNode layer, String where) {
        for (Iterator<String> names = layer.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!AwsScanConfig.FIELDS.contains(name)) {
                throw new AwsScanConfigException("unknown config field '" + name + "' in " + where + "; known fields: "
                        + String.join(", ", AwsScanConfig.FIELDS));
            }
        }
        JsonNode window = layer.path(AwsScanConfig.WINDOW);
        if (!window.isMissingNode() && !window.isNull()) {
            if (!window.isObject()) {
                throw new AwsScanConfigException("config field '" + AwsScanConfig.WINDOW + "' in " + where
                        + " must be an object with " + String.join(", ", AwsScanConfig.WINDOW_FIELDS));
            }
            for (Iterator<String> names = window.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!AwsScanConfig.WINDOW_FIELDS.contains(name)) {
                    throw new AwsScanConfigException("unknown config field 'window." + name + "' in " + where
                            + "; known: " + String.join(", ", AwsScanConfig.WINDOW_FIELDS));
                }
            }
        }
        JsonNode suppressions = layer.path(AwsScanConfig.SUPPRESSIONS);
        if (!suppressions.isMissingNode() && !suppressions.isNull() && !suppressions.isObject()
                && !suppressions.isTextual()) {
            throw new AwsScanConfigException("config field '" + AwsScanConfig.SUPPRESSIONS + "' in " + where
                    + " must be an s3:// URL of a suppression file or the suppression document (an object), got "
                    + suppressions.getNodeType());
        }
        JsonNode settings = layer.path(AwsScanConfig.SETTINGS);
        if (!settings.isMissingNode() && !settings.isNull() && !settings.isObject()) {
            throw new AwsScanConfigException("config field '" + AwsScanConfig.SETTINGS + "' in " + where
                    + " must be a JSON object of policy settings overrides, got " + settings.getNodeType());
        }
        return layer;
    }

    /** The layers merged, with the source of every field for messages. */
    private static final class Layers {
        final ObjectNode merged = JsonNodeFactory.instance.objectNode();
        final Map<String, String> origin = new HashMap<>();

        void add(ObjectNode layer, String where) {
            for (Iterator<Map.Entry<String, JsonNode>> it = layer.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getValue().isNull()) {
                    continue;
                }
                String name = field.getKey();
                JsonNode current = merged.get(name);
                // a suppression document is one unit: the first source that gives one wins whole
                if (current != null && current.isObject() && field.getValue().isObject()
                        && !name.equals(AwsScanConfig.SUPPRESSIONS)) {
                    deepMerge((ObjectNode) current, (ObjectNode) field.getValue());
                } else {
                    merged.set(name, field.getValue().deepCopy());
                }
                String source = where.equals("env") ? AwsEnvironment.forField(name).map(v -> "env " + v.name())
                        .orElse("the environment") : where;
                origin.merge(name, source, (a, b) -> field.getValue().isObject() && !a.equals(b) ? a + " and " + b
                        : b);
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

        String from(String field) {
            String where = origin.get(field);
            return where == null ? "" : " (from " + where + ")";
        }
    }

    // ---- parsing

    private static AwsScanConfig parse(Layers layers, Suppressions suppressions) {
        Fields f = new Fields(layers);
        try {
            String identityText = f.text(AwsScanConfig.IDENTITY).orElseThrow(() -> new AwsScanConfigException(
                    "config field '" + AwsScanConfig.IDENTITY + "' is required: the watched role ARN, user ARN or"
                            + " access key id (env " + AwsEnvironment.IDENTITY + ", or in the event)"));
            IdentityMatcher identity;
            try {
                identity = IdentityMatcher.parse(identityText);
            } catch (IllegalArgumentException e) {
                throw f.error(AwsScanConfig.IDENTITY, e.getMessage());
            }
            String findingsBucket = f.text(AwsScanConfig.FINDINGS_BUCKET).orElseThrow(() -> new AwsScanConfigException(
                    "config field '" + AwsScanConfig.FINDINGS_BUCKET + "' is required: the bucket findings and"
                            + " summaries go to (env " + AwsEnvironment.FINDINGS_BUCKET + ", or in the event)"));
            CollectorMode mode = CollectorMode.LOOKUP;
            Optional<String> modeText = f.text(AwsScanConfig.MODE);
            if (modeText.isPresent()) {
                try {
                    mode = CollectorMode.parse(modeText.get());
                } catch (IllegalArgumentException e) {
                    throw f.error(AwsScanConfig.MODE, e.getMessage());
                }
            }
            String profileId = f.text(AwsScanConfig.PROFILE).orElse("castai");
            AwsScanConfig.Builder builder = AwsScanConfig.builder()
                    .identity(identity)
                    .accounts(f.list(AwsScanConfig.ACCOUNTS))
                    .regions(f.list(AwsScanConfig.REGIONS))
                    .source(new AwsScanConfig.Source(mode, f.text(AwsScanConfig.TRAIL_BUCKET).orElse(""),
                            f.text(AwsScanConfig.TRAIL_PREFIX).orElse(""),
                            f.text(AwsScanConfig.TRAIL_BUCKET_REGION).orElse(""),
                            f.text(AwsScanConfig.ORGANIZATION_ID).orElse(""),
                            f.text(AwsScanConfig.EVENT_DATA_STORE).orElse("")))
                    .crossAccount(new AwsScanConfig.CrossAccount(f.text(AwsScanConfig.READ_ROLE_NAME).orElse(""),
                            f.text(AwsScanConfig.EXTERNAL_ID).orElse("")))
                    .outputs(new AwsScanConfig.Outputs(findingsBucket, f.text(AwsScanConfig.FINDINGS_PREFIX).orElse(""),
                            f.text(AwsScanConfig.KMS_KEY_ID).orElse(""),
                            f.text(AwsScanConfig.STATE_BUCKET).orElse(findingsBucket),
                            f.bool(AwsScanConfig.SECURITY_HUB_ENABLED).orElse(true)))
                    .settings(layers.merged.get(AwsScanConfig.SETTINGS))
                    .suppressions(suppressions)
                    .window(window(f))
                    .deadlineReserve(f.duration(AwsScanConfig.DEADLINE_RESERVE, layers.merged)
                            .orElse(AwsScanConfig.DEFAULT_RESERVE))
                    .now(f.instant(AwsScanConfig.NOW).orElse(null));
            try {
                builder.profile(AgentProfiles.builtIn(profileId));
            } catch (AgentProfileException e) {
                throw f.error(AwsScanConfig.PROFILE, e.getMessage());
            }
            return builder.build();
        } catch (AwsScanConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            Matcher m = FIELD_IN_MESSAGE.matcher(String.valueOf(e.getMessage()));
            throw new AwsScanConfigException(e.getMessage() + (m.find() ? layers.from(m.group(1)) : ""));
        }
    }

    private static ScanWindow.Policy window(Fields f) {
        ScanWindow.Policy d = ScanWindow.Policy.DEFAULT;
        JsonNode window = f.layers.merged.path(AwsScanConfig.WINDOW);
        try {
            return new ScanWindow.Policy(
                    f.duration(AwsScanConfig.WINDOW + "." + AwsScanConfig.OVERLAP, window).orElse(d.overlap()),
                    f.duration(AwsScanConfig.WINDOW + "." + AwsScanConfig.INGESTION_DELAY, window)
                            .orElse(d.ingestionDelay()),
                    f.duration(AwsScanConfig.WINDOW + "." + AwsScanConfig.MAX_WINDOW, window).orElse(d.maxWindow()),
                    f.duration(AwsScanConfig.WINDOW + "." + AwsScanConfig.FIRST_RUN_BACKFILL, window)
                            .orElse(d.firstRunBackfill()));
        } catch (AwsScanConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw f.error(AwsScanConfig.WINDOW, e.getMessage());
        }
    }

    /** Typed reads of the merged fields, with errors that say where a value came from. */
    private static final class Fields {
        final Layers layers;

        Fields(Layers layers) {
            this.layers = layers;
        }

        AwsScanConfigException error(String field, String problem) {
            return new AwsScanConfigException("config field '" + field + "'" + layers.from(field.split("\\.")[0])
                    + ": " + problem);
        }

        Optional<String> text(String field) {
            JsonNode node = layers.merged.get(field);
            if (node == null || node.isNull()) {
                return Optional.empty();
            }
            if (!node.isTextual()) {
                throw error(field, "must be a string, got " + node.getNodeType());
            }
            return nonBlank(node.asText());
        }

        List<String> list(String field) {
            JsonNode node = layers.merged.get(field);
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
                throw error(field, "must be a list of strings (or one comma-separated string), got "
                        + node.getNodeType());
            }
            for (JsonNode item : node) {
                if (!item.isTextual()) {
                    throw error(field, "must be a list of strings, got an element of type " + item.getNodeType());
                }
                nonBlank(item.asText()).ifPresent(out::add);
            }
            return out;
        }

        Optional<Integer> integer(String field, int min, int max) {
            JsonNode node = layers.merged.get(field);
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

        Optional<Boolean> bool(String field) {
            JsonNode node = layers.merged.get(field);
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

        Optional<Duration> duration(String field, JsonNode parent) {
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

        Optional<Instant> instant(String field) {
            Optional<String> value = text(field);
            try {
                return value.map(Instant::parse);
            } catch (DateTimeParseException e) {
                throw error(field, "'" + value.orElse("") + "' is not an ISO-8601 UTC instant such as"
                        + " 2026-11-25T00:00:00Z");
            }
        }
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
