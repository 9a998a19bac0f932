package io.scalewatch.core.aivss;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Agent profiles as data: the built-in ones shipped under {@code scalewatch/profiles/} on the classpath and
 * custom ones from a JSON file (format in docs/aivss.md and {@code custom-profile.example.json}).
 *
 * <p>Usage: {@code AgentProfile p = AgentProfiles.resolve(config.profile()); // "castai" or "./my-agent.json"}
 */
public final class AgentProfiles {
    /** Larger files are rejected before parsing: a profile is a few hundred bytes. */
    static final long MAX_FILE_BYTES = 64 * 1024;

    private static final int MAX_NAME_CHARS = 64;
    private static final String RESOURCE_DIR = "scalewatch/profiles/";
    private static final List<String> BUILT_IN_IDS = List.of("castai", "karpenter", "cluster-autoscaler");
    private static final Set<String> FIELDS = Set.of("id", "name", "aivss_version", "factors",
            "accept_non_conformant_factors", "mitigation", "source", "rationale");
    private static final Map<String, AgentProfile> BUILT_IN = new ConcurrentHashMap<>();

    // Floats as BigDecimal: a factor of 0.3 must stay exactly 0.3. Duplicate keys are an error, not "last wins".
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private AgentProfiles() {
    }

    /** Ids of the profiles shipped with scalewatch: castai, karpenter, cluster-autoscaler. */
    public static List<String> builtInIds() {
        return BUILT_IN_IDS;
    }

    /**
     * A profile shipped with scalewatch.
     *
     * @throws AgentProfileException if {@code id} is not one of {@link #builtInIds()}
     */
    public static AgentProfile builtIn(String id) {
        if (!BUILT_IN_IDS.contains(id)) {
            throw new AgentProfileException("unknown built-in agent profile '" + id + "'; built-in profiles are "
                    + String.join(", ", BUILT_IN_IDS) + " (or give a path to a custom profile .json)");
        }
        return BUILT_IN.computeIfAbsent(id, AgentProfiles::loadBuiltIn);
    }

    /**
     * A custom profile from a JSON file. Its id may not be a built-in id, so a score's profile id always
     * says which values were used.
     *
     * @throws AgentProfileException naming the file and the field when the file is missing, too large, not
     *     JSON or not a valid profile
     */
    public static AgentProfile fromFile(Path file) {
        String where = file.toString();
        byte[] bytes;
        try {
            if (!Files.isRegularFile(file)) {
                throw new AgentProfileException("agent profile " + where + ": no such file");
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new AgentProfileException("agent profile " + where + ": file is " + Files.size(file)
                        + " bytes, more than the " + MAX_FILE_BYTES + " a profile may have");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new AgentProfileException("agent profile " + where + ": cannot read the file: " + e.getMessage(), e);
        }
        AgentProfile profile = parse(where, bytes);
        if (BUILT_IN_IDS.contains(profile.id())) {
            throw new AgentProfileException("agent profile " + where + ": field 'id': '" + profile.id()
                    + "' is a built-in profile id; give a custom profile its own id");
        }
        return profile;
    }

    /**
     * A built-in profile by id, else a custom profile from a path ending in {@code .json}. A built-in id wins
     * over a file of the same name in the working directory.
     */
    public static AgentProfile resolve(String idOrPath) {
        if (idOrPath == null || idOrPath.isBlank()) {
            throw new AgentProfileException("agent profile is required: one of " + String.join(", ", BUILT_IN_IDS)
                    + " or a path to a .json file");
        }
        String text = idOrPath.trim();
        if (BUILT_IN_IDS.contains(text)) {
            return builtIn(text);
        }
        if (!text.toLowerCase(Locale.ROOT).endsWith(".json")) {
            throw new AgentProfileException("agent profile '" + text + "' is neither a built-in id ("
                    + String.join(", ", BUILT_IN_IDS) + ") nor a path to a .json file");
        }
        try {
            return fromFile(Path.of(text));
        } catch (InvalidPathException e) {
            throw new AgentProfileException("agent profile '" + text + "' is not a valid path: " + e.getMessage(), e);
        }
    }

    private static AgentProfile loadBuiltIn(String id) {
        String resource = RESOURCE_DIR + id + ".json";
        String where = "classpath:" + resource;
        try (InputStream in = AgentProfiles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new AgentProfileException("agent profile " + where + ": missing from the jar");
            }
            AgentProfile profile = parse(where, in.readAllBytes());
            if (!profile.id().equals(id)) {
                throw new AgentProfileException("agent profile " + where + ": field 'id' is '" + profile.id()
                        + "', expected '" + id + "' (the file name)");
            }
            return profile;
        } catch (IOException e) {
            throw new AgentProfileException("agent profile " + where + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static AgentProfile parse(String where, byte[] bytes) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JacksonException e) {
            throw new AgentProfileException("agent profile " + where + ": not valid JSON: "
                    + e.getOriginalMessage() + locationOf(e), e);
        } catch (IOException e) {
            throw new AgentProfileException("agent profile " + where + ": cannot parse: " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new AgentProfileException("agent profile " + where + ": file is empty; expected a JSON object");
        }
        if (!root.isObject()) {
            throw new AgentProfileException("agent profile " + where + ": expected a JSON object, got "
                    + root.getNodeType().toString().toLowerCase(Locale.ROOT));
        }
        Fields fields = new Fields(where);
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            String name = field.getKey();
            if (!FIELDS.contains(name)) {
                throw fields.error(name, "is not a profile field; fields are " + String.join(", ", FIELDS.stream()
                        .sorted().toList()));
            }
        }
        AgentProfile.Builder builder = AgentProfile.builder()
                .id(fields.requiredText(root, "id"))
                .name(fields.requiredText(root, "name"))
                .version(fields.version(root))
                .acceptNonConformantFactors(fields.optionalBoolean(root, "accept_non_conformant_factors"))
                .mitigation(fields.mitigation(root))
                .source(fields.optionalText(root, "source"));
        Map<String, String> rationale = fields.rationale(root);
        JsonNode factors = root.get("factors");
        if (factors == null || factors.isNull()) {
            throw fields.error("factors", "is required: an object of factor name -> 0, 0.5 or 1");
        }
        if (!factors.isObject()) {
            throw fields.error("factors", "must be an object of factor name -> 0, 0.5 or 1, got "
                    + factors.getNodeType().toString().toLowerCase(Locale.ROOT));
        }
        List<String> factorNames = new ArrayList<>();
        try {
            for (Map.Entry<String, JsonNode> factor : factors.properties()) {
                fields.requirePlainName("factors", factor.getKey());
                JsonNode value = factor.getValue();
                if (!value.isNumber()) {
                    throw fields.error("factors." + factor.getKey(),
                            "must be a number (0, 0.5 or 1), got " + brief(value));
                }
                BigDecimal decimal = value.decimalValue();
                factorNames.add(factor.getKey());
                builder.addFactor(factor.getKey(), decimal, rationale.getOrDefault(factor.getKey(), ""));
            }
            for (String named : rationale.keySet()) {
                if (!factorNames.contains(named)) {
                    throw fields.error("rationale." + named, "names no factor in 'factors'");
                }
            }
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new AgentProfileException("agent profile " + where + ": " + e.getMessage(), e);
        }
    }

    /** A JSON value for an error message: escaped by Jackson and cut short, since the file is untrusted. */
    private static String brief(JsonNode node) {
        String text = node.toString();
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }

    private static String locationOf(JacksonException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    /** Explicit JsonNode -> value mapping with errors that name the file and the field. */
    private record Fields(String where) {
        AgentProfileException error(String field, String problem) {
            return new AgentProfileException("agent profile " + where + ": field '" + field + "' " + problem);
        }

        /** Factor names end up in messages and reports: keep them short and free of control characters. */
        void requirePlainName(String field, String name) {
            if (name.length() > MAX_NAME_CHARS || name.chars().anyMatch(Character::isISOControl)) {
                throw error(field, "has a key that is no AIVSS factor name (over " + MAX_NAME_CHARS
                        + " characters or with control characters): " + brief(JsonNodeFactory.instance.textNode(name)));
            }
        }

        String requiredText(JsonNode root, String field) {
            JsonNode node = root.get(field);
            if (node == null || node.isNull()) {
                throw error(field, "is required");
            }
            if (!node.isTextual() || node.asText().isBlank()) {
                throw error(field, "must be a non-blank string, got " + brief(node));
            }
            return node.asText();
        }

        String optionalText(JsonNode root, String field) {
            JsonNode node = root.get(field);
            if (node == null || node.isNull()) {
                return "";
            }
            if (!node.isTextual()) {
                throw error(field, "must be a string, got " + brief(node));
            }
            return node.asText();
        }

        boolean optionalBoolean(JsonNode root, String field) {
            JsonNode node = root.get(field);
            if (node == null || node.isNull()) {
                return false;
            }
            if (!node.isBoolean()) {
                throw error(field, "must be true or false (a JSON boolean), got " + brief(node));
            }
            return node.booleanValue();
        }

        AivssVersion version(JsonNode root) {
            String text = requiredText(root, "aivss_version");
            try {
                return AivssVersion.parse(text);
            } catch (IllegalArgumentException e) {
                throw error("aivss_version", "must be \"0.5\" or \"0.8\", got \"" + text + "\"");
            }
        }

        MitigationFactor mitigation(JsonNode root) {
            String text = optionalText(root, "mitigation");
            if (text.isEmpty()) {
                return MitigationFactor.NONE_OR_WEAK;
            }
            try {
                return MitigationFactor.parse(text);
            } catch (IllegalArgumentException e) {
                throw error("mitigation", "must be none_or_weak, partial or strong, got \"" + text + "\"");
            }
        }

        Map<String, String> rationale(JsonNode root) {
            JsonNode node = root.get("rationale");
            Map<String, String> rationale = new HashMap<>();
            if (node == null || node.isNull()) {
                return rationale;
            }
            if (!node.isObject()) {
                throw error("rationale",
                        "must be an object of factor name -> one-line reason, got " + brief(node));
            }
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                requirePlainName("rationale", entry.getKey());
                if (!entry.getValue().isTextual()) {
                    throw error("rationale." + entry.getKey(), "must be a string, got " + brief(entry.getValue()));
                }
                rationale.put(entry.getKey(), entry.getValue().asText());
            }
            return rationale;
        }
    }
}
