package io.scalewatch.core.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import io.scalewatch.core.event.CloudProvider;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Tells from a record's shape which cloud's log it is, so a file may mix clouds. Strong signs first
 * (CloudTrail {@code eventSource} / {@code CloudTrailEvent}, GCP {@code protoPayload}, Azure
 * {@code operationName} / {@code OperationNameValue} / {@code category}), then weaker ones, so that a
 * trimmed record is still attributed to its cloud and quarantined with that cloud's reason.
 */
final class RecordRouter {
    private static final int KEYS_SHOWN = 12;

    private RecordRouter() {}

    /** The cloud of a record, or {@code null} when its shape is not known. */
    static CloudProvider cloudOf(JsonNode record) {
        if (!record.isObject()) {
            return null;
        }
        Node r = Node.root(record);
        if (r.has("CloudTrailEvent") || isText(r, "eventSource")) {
            return CloudProvider.AWS;
        }
        if (r.has("protoPayload")) {
            return CloudProvider.GCP;
        }
        if (r.has("OperationNameValue") || r.has("operationName") || (isText(r, "category")
                && r.get("category").textValue().toLowerCase(Locale.ROOT).startsWith("kube-audit"))) {
            return CloudProvider.AZURE;
        }
        if (isText(r, "eventName")
                && (r.has("userIdentity") || r.has("awsRegion") || r.has("recipientAccountId") || r.has("eventID"))) {
            return CloudProvider.AWS;
        }
        if ((isText(r, "logName") && r.get("logName").textValue().contains("/logs/")) || r.has("methodName")) {
            return CloudProvider.GCP;
        }
        String logType = isText(r, "p_log_type") ? r.get("p_log_type").textValue() : "";
        if (logType.startsWith("AWS.CloudTrail")) {
            return CloudProvider.AWS;
        }
        if (logType.startsWith("GCP.AuditLog")) {
            return CloudProvider.GCP;
        }
        if (logType.startsWith("Azure.")) {
            return CloudProvider.AZURE;
        }
        if (isText(r, "resourceId")
                && r.get("resourceId").textValue().toLowerCase(Locale.ROOT).startsWith("/subscriptions/")) {
            return CloudProvider.AZURE;
        }
        return null;
    }

    /** Why a record's shape is not known, naming the keys it has. */
    static String unknownShape(JsonNode record) {
        if (!record.isObject()) {
            return "a record must be a JSON object, got " + Jsons.typeName(record);
        }
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = record.fieldNames(); it.hasNext() && keys.size() < KEYS_SHOWN; ) {
            keys.add(Text.printable(it.next()));
        }
        String shown = keys.isEmpty() ? "no keys" : "keys " + String.join(", ", keys)
                + (record.size() > KEYS_SHOWN ? ", ..." : "");
        return "unknown record shape (" + shown + "): expected eventSource/eventName (CloudTrail), CloudTrailEvent"
                + " (LookupEvents), protoPayload/logName (GCP audit log), or operationName/OperationNameValue/"
                + "category (Azure Activity Log)";
    }

    private static boolean isText(Node r, String name) {
        JsonNode value = r.get(name);
        return value != null && value.isTextual();
    }
}
