package io.scalewatch.cli.demo;

import static io.scalewatch.cli.demo.Json.obj;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/**
 * The AzureActivity table row of an Activity Log record, as the Log Analytics Query API returns it. Dynamic
 * columns ({@code Claims_d}, {@code Properties_d}, {@code Authorization_d}) arrive as JSON strings.
 */
final class AzureLogAnalytics {
    /** Column name and Log Analytics type, in the order of the query result. */
    static final List<String[]> COLUMNS = List.of(
            new String[] {"TenantId", "string"},
            new String[] {"SourceSystem", "string"},
            new String[] {"CallerIpAddress", "string"},
            new String[] {"CategoryValue", "string"},
            new String[] {"CorrelationId", "string"},
            new String[] {"Authorization_d", "dynamic"},
            new String[] {"Claims_d", "dynamic"},
            new String[] {"Level", "string"},
            new String[] {"OperationNameValue", "string"},
            new String[] {"Properties_d", "dynamic"},
            new String[] {"Caller", "string"},
            new String[] {"EventDataId", "string"},
            new String[] {"EventSubmissionTimestamp", "datetime"},
            new String[] {"HTTPRequest", "string"},
            new String[] {"OperationId", "string"},
            new String[] {"ResourceGroup", "string"},
            new String[] {"ResourceProviderValue", "string"},
            new String[] {"ActivityStatusValue", "string"},
            new String[] {"ActivitySubstatusValue", "string"},
            new String[] {"Hierarchy", "string"},
            new String[] {"TimeGenerated", "datetime"},
            new String[] {"SubscriptionId", "string"},
            new String[] {"ResourceId", "string"},
            new String[] {"_ResourceId", "string"},
            new String[] {"Type", "string"});

    private AzureLogAnalytics() {
    }

    /** The row as an object keyed by column name; the writer lays it out in column order. */
    static Entry row(Entry record, DemoRandom random) {
        ObjectNode node = record.node();
        JsonNode identity = node.get("identity");
        JsonNode claims = identity.get("claims");
        JsonNode properties = node.get("properties");
        String resourceId = node.get("resourceId").asText();
        String[] parts = resourceId.split("/");
        String upn = claims.path("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn").asText("");
        String caller = upn.isEmpty()
                ? claims.get("http://schemas.microsoft.com/identity/claims/objectidentifier").asText() : upn;
        String operation = node.get("operationName").asText();
        String level = node.get("level").asText();
        ObjectNode row = obj(
                "TenantId", AzureActivity.TENANT,
                "SourceSystem", "Azure",
                "CallerIpAddress", node.get("callerIpAddress").asText(),
                "CategoryValue", node.get("category").asText(),
                "CorrelationId", node.get("correlationId").asText(),
                "Authorization_d", Json.text(identity.get("authorization")),
                "Claims_d", Json.text(claims),
                "Level", level.equals("Information") ? "Informational" : level,
                "OperationNameValue", operation,
                "Properties_d", Json.text(properties),
                "Caller", caller,
                "EventDataId", random.uuid(),
                "EventSubmissionTimestamp", DemoTime.isoAzure(record.timeMs() + 150 + random.below(400),
                        random.between(0, 9999)),
                "HTTPRequest", Json.text(obj("clientRequestId", random.uuid(),
                        "clientIpAddress", node.get("callerIpAddress").asText(), "method", method(operation))),
                "OperationId", random.uuid(),
                "ResourceGroup", parts.length > 4 && parts[3].equals("RESOURCEGROUPS") ? parts[4] : "",
                "ResourceProviderValue", provider(parts),
                "ActivityStatusValue", node.get("resultType").asText(),
                "ActivitySubstatusValue", properties.path("statusCode").asText(""),
                "Hierarchy", properties.path("hierarchy").asText(""),
                "TimeGenerated", node.get("time").asText(),
                "SubscriptionId", AzureActivity.SUBSCRIPTION,
                "ResourceId", resourceId,
                "_ResourceId", resourceId.toLowerCase(Locale.ROOT),
                "Type", "AzureActivity");
        return new Entry(record.timeMs(), row);
    }

    private static String method(String operation) {
        if (operation.endsWith("/DELETE")) {
            return "DELETE";
        }
        return operation.endsWith("/ACTION") ? "POST" : "PUT";
    }

    private static String provider(String[] parts) {
        for (int i = 0; i < parts.length - 1; i++) {
            if (parts[i].equals("PROVIDERS")) {
                return parts[i + 1];
            }
        }
        return "";
    }
}
