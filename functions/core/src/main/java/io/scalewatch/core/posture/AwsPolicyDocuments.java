package io.scalewatch.core.posture;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads AWS IAM policy documents into grants and trust statements, normalising IAM's flexible spelling. */
final class AwsPolicyDocuments {
    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private AwsPolicyDocuments() {}

    /**
     * The document as an object. The IAM API returns documents URL-encoded (RFC 3986); the CLI and SDKs
     * decode them into objects, and some tools leave them as a JSON string. All three are accepted.
     */
    static JsonNode document(JsonNode raw, String file, String where) {
        if (raw.isObject()) {
            return raw;
        }
        if (!raw.isTextual()) {
            throw new PostureFileException(file, where + ": policy document must be an object or a (URL-encoded)"
                    + " JSON string, found " + raw.getNodeType());
        }
        String text = raw.asText().trim();
        if (!text.startsWith("{")) {
            try {
                // RFC 3986 keeps '+' literal, URLDecoder would read it as a space.
                text = URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8).trim();
            } catch (IllegalArgumentException e) {
                throw new PostureFileException(file, where + ": policy document is neither JSON nor URL-encoded JSON ("
                        + e.getMessage() + ")", e);
            }
        }
        JsonNode parsed;
        try {
            parsed = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new PostureFileException(file, where + ": policy document is not JSON ("
                    + e.getOriginalMessage() + ")", e);
        }
        if (parsed == null || !parsed.isObject()) {
            throw new PostureFileException(file, where + ": policy document must be a JSON object");
        }
        return parsed;
    }

    /** The statements of a decoded document: {@code Statement} may be one object or an array of them. */
    static List<JsonNode> statements(JsonNode document, String file, String where) {
        JsonNode statement = document.path("Statement");
        List<JsonNode> out = new ArrayList<>();
        if (statement.isObject()) {
            out.add(statement);
        } else if (statement.isArray()) {
            for (JsonNode item : statement) {
                if (!item.isObject()) {
                    throw new PostureFileException(file, where + ": every Statement entry must be an object, found "
                            + item.getNodeType());
                }
                out.add(item);
            }
        } else {
            throw new PostureFileException(file, where + ": policy document has no Statement object or array");
        }
        return out;
    }

    /** Grants from a permissions policy; {@code policyId} prefixes each grant's source. */
    static List<Grant> grants(JsonNode rawDocument, String policyId, String file) {
        JsonNode document = document(rawDocument, file, policyId);
        List<JsonNode> statements = statements(document, file, policyId);
        List<Grant> grants = new ArrayList<>(statements.size());
        for (int i = 0; i < statements.size(); i++) {
            JsonNode statement = statements.get(i);
            String source = policyId + "#" + statementId(statement, i);
            String where = "statement " + source;
            List<String> actions = Json.strings(statement, "Action", file, where);
            List<String> notActions = Json.strings(statement, "NotAction", file, where);
            if (actions.isEmpty() && notActions.isEmpty()) {
                throw new PostureFileException(file, where + " has neither Action nor NotAction");
            }
            grants.add(new Grant(
                    effect(statement, file, where),
                    actions,
                    notActions,
                    Json.strings(statement, "Resource", file, where),
                    Json.strings(statement, "NotResource", file, where),
                    Json.object(statement, "Condition", file, where),
                    source,
                    ""));
        }
        return grants;
    }

    /** Trust statements from a role's AssumeRolePolicyDocument. */
    static List<TrustStatement> trust(JsonNode rawDocument, String policyId, String file, List<String> warnings) {
        JsonNode document = document(rawDocument, file, policyId);
        List<JsonNode> statements = statements(document, file, policyId);
        List<TrustStatement> out = new ArrayList<>(statements.size());
        for (int i = 0; i < statements.size(); i++) {
            JsonNode statement = statements.get(i);
            String source = policyId + "#" + statementId(statement, i);
            String where = "statement " + source;
            if (statement.has("NotPrincipal")) {
                // Who is NOT trusted cannot be listed as principals; say so rather than guess.
                warnings.add(file + ": " + where + " uses NotPrincipal, which scalewatch does not model; statement"
                        + " left out of the trust");
                continue;
            }
            out.add(new TrustStatement(
                    effect(statement, file, where),
                    principals(statement.path("Principal"), file, where),
                    Json.strings(statement, "Action", file, where),
                    Json.object(statement, "Condition", file, where),
                    source));
        }
        return out;
    }

    // "*" stays "*"; {"AWS": "arn"} becomes "AWS:arn", {"Service": [..]} one "Service:<v>" per value.
    private static List<String> principals(JsonNode principal, String file, String where) {
        if (principal.isMissingNode() || principal.isNull()) {
            return List.of();
        }
        if (principal.isTextual()) {
            return List.of(principal.asText());
        }
        if (!principal.isObject()) {
            throw new PostureFileException(file, where + ": Principal must be \"*\" or an object, found "
                    + principal.getNodeType());
        }
        List<String> out = new ArrayList<>();
        principal.fieldNames().forEachRemaining(type -> {
            for (String value : Json.strings(principal, type, file, where + " Principal")) {
                out.add(type + ":" + value);
            }
        });
        return out;
    }

    private static Grant.Effect effect(JsonNode statement, String file, String where) {
        String effect = Json.text(statement, "Effect");
        try {
            return Grant.Effect.parse(effect);
        } catch (IllegalArgumentException e) {
            throw new PostureFileException(file, where + ": Effect must be Allow or Deny, got '" + effect + "'", e);
        }
    }

    private static String statementId(JsonNode statement, int index) {
        String sid = Json.text(statement, "Sid");
        return sid.isBlank() ? Integer.toString(index) : sid;
    }
}
