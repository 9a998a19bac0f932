package io.scalewatch.core.report.ocsf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The pinned OCSF schema as {@code infra/tools/install-ocsf} installs it: the official compiled schema
 * ({@code schema.json}) and the JSON Schema of Detection Finding with the cloud profile generated from it
 * ({@code detection_finding.schema.json}). {@link #problems(JsonNode)} validates a record with a real JSON
 * Schema validator (networknt, draft 2020-12) and adds the dictionary rules JSON Schema cannot state: an
 * {@code *_id}'s sibling string is that enum value's caption, {@code type_uid} is {@code class_uid * 100 +
 * activity_id}, no deprecated attribute is used, and {@code metadata.version} is the pinned version.
 *
 * <p>Where it is read: {@code -Docsf.schema.dir}, else {@code <repo>/.tools/ocsf/<version>}. Tests fail, never
 * skip, without it.
 */
public final class PinnedOcsfSchema {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLASS = "detection_finding";

    private final JsonNode dictionary;
    private final JsonSchema jsonSchema;
    private final JsonNode jsonSchemaNode;

    private PinnedOcsfSchema(JsonNode dictionary, JsonNode jsonSchemaNode) {
        this.dictionary = dictionary;
        this.jsonSchemaNode = jsonSchemaNode;
        this.jsonSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(jsonSchemaNode);
    }

    /** The installed schema of {@link OcsfDetectionFinding#OCSF_VERSION}. */
    public static PinnedOcsfSchema load() {
        Path dir = directory();
        Path compiled = dir.resolve("schema.json");
        Path generated = dir.resolve(CLASS + ".schema.json");
        if (!Files.isRegularFile(compiled) || !Files.isRegularFile(generated)) {
            throw new IllegalStateException("the pinned OCSF schema is not installed in " + dir + " (need schema.json"
                    + " and " + CLASS + ".schema.json): run bash infra/tools/install-ocsf, as infra/bin/test does");
        }
        return new PinnedOcsfSchema(read(compiled), read(generated));
    }

    static Path directory() {
        String explicit = System.getProperty("ocsf.schema.dir", "");
        if (!explicit.isBlank()) {
            return Path.of(explicit);
        }
        String root = System.getProperty("scalewatch.root", "");
        Path base = root.isBlank() ? Path.of("").toAbsolutePath().getParent().getParent() : Path.of(root);
        return base.resolve(".tools/ocsf/" + OcsfDetectionFinding.OCSF_VERSION);
    }

    /** The version the compiled schema states. */
    public String version() {
        return dictionary.path("version").asText();
    }

    /** The {@code $id} of the generated JSON Schema (names version, class and profiles). */
    String jsonSchemaId() {
        return jsonSchemaNode.path("$id").asText();
    }

    /** Every reason the record is not a valid Detection Finding of the pinned version; empty when it is. */
    public List<String> problems(JsonNode record) {
        List<String> problems = new ArrayList<>();
        for (ValidationMessage message : jsonSchema.validate(record)) {
            problems.add(message.getMessage());
        }
        JsonNode detectionFinding = dictionary.path("classes").path(CLASS);
        dictionaryRules("$", record, detectionFinding.path("attributes"), problems);
        long typeUid = record.path("class_uid").asLong() * 100 + record.path("activity_id").asLong();
        if (record.path("type_uid").asLong() != typeUid) {
            problems.add("$.type_uid: must be class_uid * 100 + activity_id = " + typeUid + ", got "
                    + record.path("type_uid"));
        }
        if (!version().equals(record.at("/metadata/version").asText())) {
            problems.add("$.metadata.version: must be the pinned " + version() + ", got "
                    + record.at("/metadata/version"));
        }
        return problems;
    }

    // Walks the record beside the compiled schema's attribute definitions (class, then objects by object_type).
    private void dictionaryRules(String path, JsonNode object, JsonNode attributes, List<String> problems) {
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode attribute = attributes.path(field.getKey());
            String at = path + "." + field.getKey();
            if (attribute.isMissingNode()) {
                continue; // unknown attributes are the JSON Schema's to reject
            }
            if (attribute.has("@deprecated")) {
                problems.add(at + ": is deprecated in OCSF " + version() + ": " + attribute.path("@deprecated"));
            }
            String sibling = attribute.path("sibling").asText("");
            if (!sibling.isEmpty() && attribute.has("enum") && object.has(sibling)) {
                String id = field.getValue().asText();
                JsonNode caption = attribute.path("enum").path(id).path("caption");
                boolean mapped = !id.equals("99") && caption.isTextual();
                if (mapped && !caption.asText().equals(object.path(sibling).asText())) {
                    problems.add(path + "." + sibling + ": must be the caption of " + field.getKey() + " " + id
                            + " ('" + caption.asText() + "'), got " + object.path(sibling));
                }
            }
            if ("object_t".equals(attribute.path("type").asText())) {
                String objectType = attribute.path("object_type").asText();
                if ("object".equals(objectType)) {
                    continue; // unmapped and the like: free-form
                }
                JsonNode nested = dictionary.path("objects").path(objectType).path("attributes");
                JsonNode value = field.getValue();
                if (value.isArray()) {
                    for (int i = 0; i < value.size(); i++) {
                        dictionaryRules(at + "[" + i + "]", value.get(i), nested, problems);
                    }
                } else {
                    dictionaryRules(at, value, nested, problems);
                }
            }
        }
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
