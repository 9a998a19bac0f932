package io.scalewatch.core.normalize;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Replaces secret-bearing request and response values with {@code {"redacted": true, "length": <n>,
 * "sha256": "<hex>"}} so rules can still see that a field is set, and whether it changed, without the
 * secret reaching policy input, findings or quarantine. {@code length} is the UTF-8 byte length of a
 * string value (of the canonical compact JSON for an object or array); {@code sha256} is over the same
 * bytes. The key stays.
 *
 * <p>Redacted, at any depth:
 * <ul>
 *   <li>keys that always hold secrets or scripts: user data ({@code userData}, {@code UserData},
 *       {@code launchTemplateData.userData}), Azure {@code customData}, {@code adminPassword},
 *       {@code protectedSettings}, and credentials ({@code sessionToken}, {@code clientSecret},
 *       {@code privateKeyData}, {@code connectionString}, ...), whatever the value's type;
 *   <li>string values of keys naming a password or secret ({@code dbPassword}, {@code secretString}),
 *       except keys that name a reference to one ({@code secretId}, {@code secretArn}, {@code secretName},
 *       {@code passwordVersion}, ...), which rules need and which hold no secret;
 *   <li>GCP metadata items ({@code {"key": ..., "value": ...}}) whose key is a startup / shutdown /
 *       specialize script, {@code user-data}, {@code kube-env} or {@code kubeconfig}: the {@code value};
 *   <li>Kubernetes Secret objects ({@code "kind": "Secret"}): their {@code data} and {@code stringData}.
 * </ul>
 * Numbers and booleans under password-like keys ({@code minimumPasswordLength}) are policy, not secrets,
 * and stay.
 */
final class Redactor {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Normalized (lowercase, without {@code -_ .}) keys whose values are always redacted. */
    private static final Set<String> ALWAYS = Set.of(
            "userdata", "customdata", "adminpassword", "password", "protectedsettings",
            "protectedsettingsfromkeyvault", "secret", "clientsecret", "secretstring", "secretbinary",
            "secretvalue", "secretaccesskey", "secretkey", "sessiontoken", "accesstoken", "refreshtoken", "idtoken",
            "privatekey", "privatekeydata", "connectionstring", "accountkey", "sastoken", "sharedaccesskey",
            "primarykey", "secondarykey");
    private static final String[] SECRET_WORDS = {"password", "passwd", "secret", "privatekey"};
    /** Suffixes of keys that refer to a secret rather than hold it. */
    private static final String[] REFERENCE_SUFFIXES = {
        "id", "ids", "arn", "arns", "name", "names", "uri", "url", "urls", "path", "version", "versionid",
        "versionstage", "versionstages", "type", "ref", "reference", "location", "source", "kind"};
    private static final Pattern SECRET_METADATA_KEY = Pattern.compile(
            "(windows-)?(startup|shutdown)-script(-(ps1|cmd|bat))?|sysprep-specialize-script-(ps1|cmd|bat)"
                    + "|user-data|kube-env|kubeconfig|cloud-init|configure-sh",
            Pattern.CASE_INSENSITIVE);
    private static final int MAX_NESTED_TEXT = 3;

    private Redactor() {}

    /** A redacted deep copy of {@code value} (missing and null stay as they are). */
    static JsonNode redact(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return value;
        }
        JsonNode copy = value.deepCopy();
        walk(copy);
        return copy;
    }

    /** The marker that replaces a secret value. */
    static ObjectNode marker(JsonNode secret) {
        byte[] bytes = secret.isTextual()
                ? secret.textValue().getBytes(StandardCharsets.UTF_8)
                : RecordHash.canonicalBytes(secret);
        ObjectNode marker = NODES.objectNode();
        marker.put("redacted", true);
        marker.put("length", bytes.length);
        marker.put("sha256", RecordHash.sha256Hex(bytes));
        return marker;
    }

    /** True for a key whose {@code value} must be redacted. */
    static boolean isSecret(String key, JsonNode value) {
        String name = normalize(key);
        if (ALWAYS.contains(name)) {
            return true;
        }
        if (!value.isTextual()) {
            return false;
        }
        for (String suffix : REFERENCE_SUFFIXES) {
            if (name.endsWith(suffix)) {
                return false;
            }
        }
        for (String word : SECRET_WORDS) {
            if (name.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /** True for a GCP metadata key whose value is a script or credentials. */
    static boolean isSecretMetadataKey(String key) {
        return SECRET_METADATA_KEY.matcher(key).matches() || isSecret(key, NODES.textNode(""));
    }

    // Records are depth-limited before redaction, so recursion is bounded.
    private static void walk(JsonNode node) {
        if (node.isArray()) {
            for (JsonNode element : node) {
                walk(element);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        ObjectNode object = (ObjectNode) node;
        JsonNode itemKey = object.get("key");
        if (itemKey != null && itemKey.isTextual() && isSecretMetadataKey(itemKey.textValue())) {
            redactField(object, "value");
        }
        JsonNode kind = object.get("kind");
        if (kind != null && kind.isTextual() && kind.textValue().equals("Secret")) {
            redactField(object, "data");
            redactField(object, "stringData");
        }
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        for (String name : names) {
            JsonNode value = object.get(name);
            if (value.isNull() || isMarker(value)) {
                continue;
            }
            if (isSecret(name, value)) {
                object.set(name, marker(value));
            } else {
                walk(value);
            }
        }
    }

    private static void redactField(ObjectNode object, String name) {
        JsonNode value = object.get(name);
        if (value != null && !value.isNull() && !isMarker(value)) {
            object.set(name, marker(value));
        }
    }

    private static boolean isMarker(JsonNode value) {
        return value.isObject() && value.path("redacted").asBoolean(false) && value.has("sha256");
    }

    private static String normalize(String key) {
        StringBuilder out = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c != '-' && c != '_' && c != '.' && c != ' ') {
                out.append(c);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    /**
     * Best-effort redaction of raw JSON text that did not parse (a quarantined line): every string value
     * that follows a secret key ({@code "adminPassword": "..."}), also inside JSON held in a string
     * ({@code "{\"adminPassword\":\"...\"}"}), and the value of a secret GCP metadata item, becomes
     * {@code [redacted length=<n> sha256=<hex>]}. A value cut off by the end of the text is redacted to the end.
     */
    static String redactText(String text) {
        return redactText(text, 0);
    }

    private static String redactText(String text, int nesting) {
        StringBuilder out = new StringBuilder(text.length());
        String lastString = null;
        String key = null;
        boolean secretItem = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if ((c == '{' || c == '[') && key != null && ALWAYS.contains(normalize(key))
                    && !text.startsWith("{\"redacted\":true", i)) {
                // an object or array under a key that always holds secrets (protectedSettings): all of it
                int end = endOfContainer(text, i);
                byte[] bytes = text.substring(i, end).getBytes(StandardCharsets.UTF_8);
                out.append("\"[redacted length=").append(bytes.length).append(" sha256=")
                        .append(RecordHash.sha256Hex(bytes)).append("]\"");
                key = null;
                lastString = null;
                i = end;
                continue;
            }
            if (c != '"') {
                if (c == ':' && lastString != null) {
                    key = lastString;
                } else if (c == ',' || c == '{' || c == '[') {
                    key = null;
                } else if (c == '}') {
                    key = null;
                    secretItem = false;
                }
                if (!Character.isWhitespace(c)) {
                    lastString = null;
                }
                out.append(c);
                i++;
                continue;
            }
            int end = endOfString(text, i);
            String literal = text.substring(i, end);
            String content = unescape(literal);
            boolean isValue = key != null;
            if (isValue && (isSecret(key, NODES.textNode("")) || (secretItem && key.equals("value")))) {
                byte[] bytes = (content == null ? literal : content).getBytes(StandardCharsets.UTF_8);
                out.append("\"[redacted length=").append(bytes.length).append(" sha256=")
                        .append(RecordHash.sha256Hex(bytes)).append("]\"");
            } else if (content != null && nesting < MAX_NESTED_TEXT && content.indexOf('"') >= 0) {
                String inner = redactText(content, nesting + 1);
                out.append(inner.equals(content) ? literal : quote(inner));
            } else {
                out.append(literal);
            }
            if (isValue && key.equals("key") && content != null && isSecretMetadataKey(content)) {
                secretItem = true;
            }
            key = isValue ? null : key;
            lastString = isValue ? null : (content == null ? literal : content);
            i = end;
        }
        return out.toString();
    }

    /** Index after the closing quote of the string literal starting at {@code start}, or the text's end. */
    private static int endOfString(String text, int start) {
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '"') {
                return i + 1;
            } else {
                i++;
            }
        }
        return text.length();
    }

    /** Index after the bracket closing the object/array starting at {@code start}, or the text's end. */
    private static int endOfContainer(String text, int start) {
        int depth = 0;
        int i = start;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"') {
                i = endOfString(text, i);
                continue;
            }
            if (c == '{' || c == '[') {
                depth++;
            } else if ((c == '}' || c == ']') && --depth == 0) {
                return i + 1;
            }
            i++;
        }
        return text.length();
    }

    /** The content of a JSON string literal, or {@code null} when it is not a complete valid one. */
    private static String unescape(String literal) {
        if (literal.length() < 2 || !literal.endsWith("\"") || literal.indexOf('\\') < 0) {
            return literal.length() >= 2 && literal.endsWith("\"") ? literal.substring(1, literal.length() - 1) : null;
        }
        try (JsonParser p = Jsons.FACTORY.createParser(literal)) {
            return p.nextToken() == JsonToken.VALUE_STRING ? p.getText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String quote(String content) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(content)) + "\"";
    }
}
