package io.scalewatch.core.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scalewatch.core.event.Actor;
import io.scalewatch.core.event.ApiCall;
import io.scalewatch.core.event.ApiError;
import io.scalewatch.core.event.AuditEvent;
import io.scalewatch.core.event.CloudLocation;
import io.scalewatch.core.event.CloudProvider;
import io.scalewatch.core.event.Endpoint;
import io.scalewatch.core.event.EventMetadata;
import io.scalewatch.core.event.EventStatus;
import io.scalewatch.core.event.ResourceRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Normalizes one Azure Activity Log entry into an {@link AuditEvent}, in any of the shapes it is read in:
 * <ul>
 *   <li>a diagnostic-settings record (Event Hub / storage export: {@code time, resourceId, operationName,
 *       resultType, identity.claims, properties, ...}), including resource-log records of the same schema;
 *   <li>a row of the Log Analytics {@code AzureActivity} table ({@code TimeGenerated, OperationNameValue,
 *       Caller, ActivityStatusValue, Properties_d, Claims_d, ...}; dynamic columns may be JSON strings, as
 *       the Logs Query API returns them);
 *   <li>an Activity Log REST / {@code az monitor activity-log list} entry ({@code eventTimestamp,
 *       operationName: {value}, status: {value}, caller, claims, ...});
 *   <li>an AKS {@code kube-audit} / {@code kube-audit-admin} record, whose {@code properties.log} holds a
 *       Kubernetes audit event: its action is {@code k8s.<resource>[.<subresource>].<verb>}.
 * </ul>
 * A record needs its operation (operationName, or a kube audit verb); without a time it is undated, and
 * fallbacks and dropped context fields are listed in {@code metadata.issues} ({@link NormalizationIssues}).
 * {@link #records(JsonNode)} splits a {@code {"records": [...]}} envelope or a Logs Query response into
 * records.
 *
 * <pre>{@code
 * AzureActivityNormalizer azure = AzureActivityNormalizer.create();
 * for (JsonNode record : AzureActivityNormalizer.records(logsQueryResponse)) {
 *     events.add(azure.normalize(record));
 * }
 * }</pre>
 */
public final class AzureActivityNormalizer implements AuditRecordNormalizer {
    static final String OBJECT_ID_CLAIM = "http://schemas.microsoft.com/identity/claims/objectidentifier";
    static final String TENANT_CLAIM = "http://schemas.microsoft.com/identity/claims/tenantid";
    static final String UPN_CLAIM = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn";
    static final String EMAIL_CLAIM = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress";
    private static final Pattern SUBSCRIPTION = Pattern.compile("(?i)/subscriptions/([^/]+)");
    private static final Pattern PROVIDERS = Pattern.compile("(?i)/providers/");
    private static final Pattern GUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern IPV4_WITH_PORT = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,3}){3}):\\d+");
    private static final Pattern BRACKETED_WITH_PORT = Pattern.compile("\\[([0-9a-fA-F:.]+)](?::\\d+)?");
    private static final Set<String> KUBE_AUDIT = Set.of("kube-audit", "kube-audit-admin");
    private static final Set<String> KUBE_READ_VERBS = Set.of("get", "list", "watch");
    private static final String STATUS_VALUES = "Started, Accepted, Active, In Progress, Succeeded, Failed, "
            + "Canceled, Resolved, Updated (or Start, Accept, Success, Failure)";

    private AzureActivityNormalizer() {}

    /** The normalizer. */
    public static AzureActivityNormalizer create() {
        return new AzureActivityNormalizer();
    }

    @Override
    public CloudProvider cloud() {
        return CloudProvider.AZURE;
    }

    /**
     * The records of a document: the elements of {@code {"records": [...]}} or {@code {"value": [...]}},
     * the rows of every table of a Logs Query response ({@code {"tables": [{"columns", "rows"}]}}) as
     * objects keyed by column name, the elements of an array, or the document itself.
     *
     * @throws InvalidAuditRecordException when a table's columns and rows do not fit together
     */
    public static List<JsonNode> records(JsonNode document) {
        List<JsonNode> out = new ArrayList<>();
        if (document.isArray()) {
            document.forEach(out::add);
            return out;
        }
        Node root = Node.root(document);
        for (String envelope : new String[] {"records", "value"}) {
            JsonNode records = root.get(envelope);
            if (records != null && records.isArray()) {
                records.forEach(out::add);
                return out;
            }
        }
        JsonNode tables = root.array("tables");
        if (tables == null) {
            out.add(document);
            return out;
        }
        for (int t = 0; t < tables.size(); t++) {
            Node table = Node.of(tables.get(t), "$.tables[" + t + "]", 2);
            List<String> columns = columnNames(table.array("columns"), table.pathOf("columns"));
            JsonNode rows = table.array("rows");
            if (rows != null) {
                for (int i = 0; i < rows.size(); i++) {
                    out.add(rowObject(columns, rows.get(i), table.pathOf("rows[" + i + "]")));
                }
            }
        }
        return out;
    }

    /** Column names of a Logs Query table ({@code [{"name": ..., "type": ...}]}). */
    static List<String> columnNames(JsonNode columns, String path) {
        if (columns == null) {
            throw Node.missing(path);
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            names.add(Node.of(columns.get(i), path + "[" + i + "]", 4).requireText("name"));
        }
        return names;
    }

    /** One Logs Query row as an object keyed by column name. */
    static ObjectNode rowObject(List<String> columns, JsonNode row, String path) {
        if (!row.isArray()) {
            throw Node.wrongType(path, "an array of column values", row);
        }
        if (row.size() != columns.size()) {
            throw new InvalidAuditRecordException(QuarantineKind.INVALID_VALUE, Text.path(path) + " has "
                    + row.size() + " values but the table has " + columns.size() + " columns");
        }
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < columns.size(); i++) {
            object.set(columns.get(i), row.get(i));
        }
        return object;
    }

    @Override
    public AuditEvent normalize(JsonNode record) {
        RecordLimits.check(record);
        Node r = Node.root(record);
        IssueList issues = new IssueList();
        if (r.has("OperationNameValue") || r.has("TimeGenerated")) {
            return build(tableRow(r, issues), record, issues);
        }
        String category = r.value("category");
        if (KUBE_AUDIT.contains(category.toLowerCase(Locale.ROOT))) {
            return kubeAudit(r, record, issues);
        }
        return build(activityRecord(r, issues), record, issues);
    }

    /** What the record shapes have in common, read from each shape's own fields. */
    private record Parts(
            Instant time, String operation, String result, String subStatus, String caller, String ip,
            Node claims, Node properties, String resourceId, String subscription, String tenant, String location,
            String eventDataId, String resultSignature, String statusCode, String description, String provider,
            String identityType) {}

    private static Parts activityRecord(Node r, IssueList issues) {
        Node properties = r.objectOrJsonStringOrDrop("properties", issues, NormalizationIssues.PROPERTIES_DROPPED);
        Node identity = r.object("identity");
        Node claims = identity.present() && identity.has("claims") ? identity.objectOrJsonString("claims")
                : r.objectOrJsonString("claims");
        String operation = r.value("operationName");
        if (operation.isEmpty()) {
            throw Node.missing("$.operationName");
        }
        // time (diagnostic settings) and eventTimestamp (REST) are each their shape's own event time
        Instant time = r.time("time", "eventTimestamp")
                .or(() -> r.time("p_event_time", issues, NormalizationIssues.TIME_FROM_P_EVENT_TIME))
                .orElseGet(issues::undated);
        String ip = r.textOrDrop("callerIpAddress", issues, NormalizationIssues.CALLER_IP_ADDRESS_DROPPED);
        if (ip.isEmpty()) {
            ip = r.objectOrDrop("httpRequest", issues, NormalizationIssues.HTTP_REQUEST_DROPPED)
                    .textOrDrop("clientIpAddress", issues, NormalizationIssues.CALLER_IP_ADDRESS_DROPPED);
        }
        String result = r.value("resultType");
        if (result.isEmpty()) {
            result = r.value("status");
        }
        String eventDataId = r.text("eventDataId");
        if (eventDataId.isEmpty()) {
            eventDataId = properties.scalar("eventDataId");
        }
        String subStatus = r.value("subStatus");
        return new Parts(time, operation, result, subStatus, r.text("caller"), ip, claims, properties,
                r.text("resourceId"), r.text("subscriptionId"), r.text("tenantId"), r.text("location"), eventDataId,
                r.scalar("resultSignature"), r.scalar("statusCode"),
                first(r.text("resultDescription"), r.scalar("statusText")), r.value("resourceProviderName"),
                identity.present() ? identity.text("type") : "");
    }

    private static Parts tableRow(Node r, IssueList issues) {
        Node properties = r.objectOrJsonStringOrDrop(r.has("Properties_d") ? "Properties_d" : "Properties", issues,
                NormalizationIssues.PROPERTIES_DROPPED);
        Node claims = r.has("Claims_d") ? r.objectOrJsonString("Claims_d") : r.objectOrJsonString("Claims");
        String operation = r.text("OperationNameValue");
        if (operation.isEmpty() && r.text("OperationName").contains("/")) {
            operation = r.text("OperationName");
        }
        if (operation.isEmpty()) {
            throw Node.missing("$.OperationNameValue");
        }
        Instant time = r.time("TimeGenerated")
                .or(() -> r.time("EventSubmissionTimestamp", issues, NormalizationIssues.TIME_FROM_EVENT_SUBMISSION))
                .or(() -> r.time("p_event_time", issues, NormalizationIssues.TIME_FROM_P_EVENT_TIME))
                .orElseGet(issues::undated);
        String ip = r.textOrDrop("CallerIpAddress", issues, NormalizationIssues.CALLER_IP_ADDRESS_DROPPED);
        if (ip.isEmpty()) {
            ip = r.objectOrJsonStringOrDrop("HTTPRequest", issues, NormalizationIssues.HTTP_REQUEST_DROPPED)
                    .textOrDrop("clientIpAddress", issues, NormalizationIssues.CALLER_IP_ADDRESS_DROPPED);
        }
        String resourceId = first(r.text("ResourceId"), r.text("_ResourceId"));
        return new Parts(time, operation, first(r.text("ActivityStatusValue"), r.text("ActivityStatus")),
                first(r.text("ActivitySubstatusValue"), r.text("ActivitySubstatus")), r.text("Caller"), ip, claims,
                properties, resourceId, r.text("SubscriptionId"), r.text("TenantId"), "", r.text("EventDataId"),
                "", "", "", r.text("ResourceProviderValue"), "");
    }

    private static AuditEvent build(Parts p, JsonNode record, IssueList issues) {
        Node claims = p.claims;
        String objectId = first(claims.text(OBJECT_ID_CLAIM), claims.text("oid"));
        String upn = first(claims.text(UPN_CLAIM), claims.text("upn"));
        String appId = first(claims.text("appid"), claims.text("azp"));
        String principal = first(objectId, p.caller, upn, claims.text(EMAIL_CLAIM), appId);
        String type;
        if (claims.text("idtyp").equalsIgnoreCase("app")
                || (!appId.isEmpty() && (GUID.matcher(p.caller).matches() || (p.caller.isEmpty() && upn.isEmpty())))) {
            type = "ServicePrincipal";
        } else if (principal.isEmpty()) {
            type = p.identityType;
        } else {
            type = "User";
        }
        String tenant = first(claims.text(TENANT_CLAIM), claims.text("tid"), p.tenant);
        issues.addIf(principal.isEmpty(), NormalizationIssues.NO_PRINCIPAL);

        ObjectNode request = p.properties.present() ? ((ObjectNode) p.properties.json()).deepCopy() : null;
        JsonNode response = null;
        if (request != null) {
            JsonNode body = removeField(request, "requestbody");
            if (body != null) {
                request.set("requestbody", embeddedBody(body, p.properties, "requestbody"));
            }
            JsonNode responseBody = removeField(request, "responseBody");
            if (responseBody != null) {
                response = embeddedBody(responseBody, p.properties, "responseBody");
            }
        }
        EventStatus status = status(p, request);
        String operation = p.operation;
        String action = operation.toLowerCase(Locale.ROOT);
        String userAgent = p.properties.present() ? first(p.properties.text("userAgent"),
                p.properties.text("userAgentHeader")) : "";
        String uid = p.eventDataId;
        if (uid.isEmpty()) {
            // Event Hub / storage exports carry no event id; a stable SHA-256 of the record stands in, so
            // the same record read twice (overlapping windows) names the same event. That is the shape, not
            // a lack, so it is no issue.
            uid = RecordHash.uid(record);
        }
        List<ResourceRef> resources = p.resourceId.isEmpty()
                ? List.of()
                : List.of(new ResourceRef(resourceType(p.resourceId), p.resourceId));
        return new AuditEvent(
                p.time,
                new CloudLocation(CloudProvider.AZURE, subscription(p.resourceId, p.subscription), p.location),
                new Actor(principal, type, "", "", "", appId, tenant),
                new ApiCall(provider(operation, p.resourceId, p.provider), operation, action,
                        Redactor.redact(request), Redactor.redact(response),
                        status == EventStatus.FAILURE ? error(p, request) : ApiError.NONE),
                new Endpoint(stripPort(p.ip), userAgent),
                resources,
                status,
                new EventMetadata(uid, "azure_activity", action.endsWith("/read"), issues.list()));
    }

    private static EventStatus status(Parts p, ObjectNode request) {
        if (!p.result.isEmpty()) {
            return switch (p.result.trim().toLowerCase(Locale.ROOT)) {
                case "success", "succeeded", "resolved", "updated" -> EventStatus.SUCCESS;
                case "failure", "failed", "canceled", "cancelled" -> EventStatus.FAILURE;
                case "start", "started", "accept", "accepted", "active", "in progress", "inprogress" ->
                        EventStatus.IN_PROGRESS;
                default -> throw new InvalidAuditRecordException(QuarantineKind.INVALID_VALUE, "status '"
                        + Text.printable(p.result) + "' is not an Activity Log status; valid: " + STATUS_VALUES);
            };
        }
        // Resource logs of the same schema (storage) state an HTTP status instead of a resultType.
        if (p.statusCode.matches("\\d{3}")) {
            return Integer.parseInt(p.statusCode) >= 400 ? EventStatus.FAILURE : EventStatus.SUCCESS;
        }
        if (request != null && request.path("metricResponseType").isTextual()) {
            return request.get("metricResponseType").textValue().equals("Success")
                    ? EventStatus.SUCCESS
                    : EventStatus.FAILURE;
        }
        // No outcome stated: like CloudTrail and GCP, an entry without an error is a success.
        return EventStatus.SUCCESS;
    }

    private static ApiError error(Parts p, ObjectNode request) {
        String code = first(request == null ? "" : request.path("statusCode").asText(""), p.statusCode,
                p.resultSignature, p.subStatus);
        String message = p.description;
        JsonNode statusMessage = request == null ? null : request.get("statusMessage");
        if (statusMessage != null && statusMessage.isTextual()) {
            message = statusMessage.textValue();
            if (message.trim().startsWith("{")) {
                try {
                    JsonNode parsed = Jsons.parseEmbedded(message, p.properties.depth(), "$.properties.statusMessage");
                    JsonNode error = parsed.path("error");
                    if (error.path("message").isTextual()) {
                        message = error.path("code").asText("").isEmpty()
                                ? error.get("message").textValue()
                                : error.get("code").asText() + ": " + error.get("message").textValue();
                    }
                } catch (InvalidAuditRecordException e) {
                    if (e.kind() != QuarantineKind.MALFORMED_JSON) {
                        throw e;
                    }
                }
            }
        }
        return new ApiError(code, message);
    }

    // requestbody / responseBody are JSON held in a string; one that does not parse (Azure cuts long
    // bodies) is redacted whole, because it may still hold passwords or custom data.
    private static JsonNode embeddedBody(JsonNode body, Node properties, String name) {
        if (!body.isTextual()) {
            return body;
        }
        try {
            return Jsons.parseEmbedded(body.textValue(), properties.depth(), properties.pathOf(name));
        } catch (InvalidAuditRecordException e) {
            if (e.kind() != QuarantineKind.MALFORMED_JSON) {
                throw e;
            }
            return Redactor.marker(body);
        }
    }

    private static JsonNode removeField(ObjectNode object, String name) {
        JsonNode value = object.remove(name);
        if (value == null) {
            String match = null;
            for (var it = object.fieldNames(); it.hasNext(); ) {
                String candidate = it.next();
                if (candidate.equalsIgnoreCase(name)) {
                    match = candidate;
                    break;
                }
            }
            value = match == null ? null : object.remove(match);
        }
        return value == null || value.isNull() ? null : value;
    }

    private AuditEvent kubeAudit(Node r, JsonNode record, IssueList issues) {
        Node properties = r.objectOrJsonString("properties");
        if (!properties.has("log")) {
            throw Node.missing("$.properties.log");
        }
        Node log = properties.objectOrJsonString("log");
        String verb = log.requireText("verb").toLowerCase(Locale.ROOT);
        Node objectRef = log.object("objectRef");
        String resource = objectRef.text("resource").toLowerCase(Locale.ROOT);
        String subresource = objectRef.text("subresource").toLowerCase(Locale.ROOT);
        String action = resource.isEmpty()
                ? "k8s." + verb
                : "k8s." + resource + (subresource.isEmpty() ? "" : "." + subresource) + "." + verb;
        Instant time = r.time("time")
                .or(() -> log.time("requestReceivedTimestamp", issues, NormalizationIssues.TIME_FROM_REQUEST_RECEIVED))
                .or(() -> log.time("stageTimestamp", issues, NormalizationIssues.TIME_FROM_STAGE_TIMESTAMP))
                .or(() -> r.time("p_event_time", issues, NormalizationIssues.TIME_FROM_P_EVENT_TIME))
                .orElseGet(issues::undated);
        String username = log.object("user").text("username");
        issues.addIf(username.isEmpty(), NormalizationIssues.NO_PRINCIPAL);
        String type = username.isEmpty() ? ""
                : username.startsWith("system:serviceaccount:") ? "KubernetesServiceAccount"
                : username.startsWith("system:") ? "KubernetesSystem"
                : "User";
        JsonNode sourceIps = log.array("sourceIPs");
        String ip = sourceIps != null && !sourceIps.isEmpty() && sourceIps.get(0).isTextual()
                ? sourceIps.get(0).textValue() : "";
        Node responseStatus = log.object("responseStatus");
        String code = responseStatus.scalar("code");
        boolean failed = code.matches("\\d+") && Integer.parseInt(code) >= 400;
        ApiError error = failed
                ? new ApiError(code, first(responseStatus.text("message"), responseStatus.text("reason")))
                : ApiError.NONE;
        String uid = first(log.text("auditID"), r.text("eventDataId"));
        if (issues.addIf(uid.isEmpty(), NormalizationIssues.NO_EVENT_ID)) {
            uid = RecordHash.uid(record);
        }
        List<ResourceRef> resources = new ArrayList<>();
        if (!resource.isEmpty()) {
            // k8s/<namespace>/<resource>/<name>[/<subresource>]; cluster-scoped objects have an empty
            // namespace segment, collection calls (list) no name
            String name = objectRef.text("name");
            String ref = "k8s/" + objectRef.text("namespace") + "/" + resource + (name.isEmpty() ? "" : "/" + name)
                    + (subresource.isEmpty() ? "" : "/" + subresource);
            resources.add(new ResourceRef(resource, ref));
        }
        String clusterId = r.text("resourceId");
        if (!clusterId.isEmpty()) {
            resources.add(new ResourceRef(resourceType(clusterId), clusterId));
        }
        return new AuditEvent(
                time,
                new CloudLocation(CloudProvider.AZURE, subscription(clusterId, ""), r.text("location")),
                new Actor(username, type, "", "", "", "", r.text("tenantId")),
                new ApiCall("k8s.io", verb, action, Redactor.redact(log.get("requestObject")),
                        Redactor.redact(log.get("responseObject")), error),
                new Endpoint(ip, log.text("userAgent")),
                resources,
                failed ? EventStatus.FAILURE : EventStatus.SUCCESS,
                new EventMetadata(uid, "azure_activity", KUBE_READ_VERBS.contains(verb), issues.list()));
    }

    /** The subscription id of a resource id ({@code /subscriptions/<id>/...}, any case), lowercased. */
    static String subscription(String resourceId, String fallback) {
        Matcher m = SUBSCRIPTION.matcher(resourceId);
        String id = m.find() ? m.group(1) : fallback;
        return id.toLowerCase(Locale.ROOT);
    }

    // Microsoft.Compute from Microsoft.Compute/virtualMachines/write; for operations without a
    // namespace (storage GetBlob) the provider of the resource id.
    private static String provider(String operation, String resourceId, String fallback) {
        int slash = operation.indexOf('/');
        if (slash > 0) {
            return operation.substring(0, slash);
        }
        if (!fallback.isEmpty()) {
            return fallback;
        }
        String[] parts = providerPath(resourceId);
        return parts.length > 0 ? parts[0] : "";
    }

    /** Resource type of an ARM id: {@code Microsoft.Compute/virtualMachines/extensions}. */
    static String resourceType(String resourceId) {
        String[] parts = providerPath(resourceId);
        if (parts.length >= 2) {
            StringBuilder type = new StringBuilder(parts[0]);
            for (int i = 1; i < parts.length; i += 2) {
                type.append('/').append(parts[i]);
            }
            return type.toString();
        }
        String lower = resourceId.toLowerCase(Locale.ROOT);
        if (lower.contains("/resourcegroups/")) {
            return "Microsoft.Resources/resourceGroups";
        }
        return lower.startsWith("/subscriptions/") ? "Microsoft.Resources/subscriptions" : "";
    }

    // the segments after the last /providers/: namespace, type, name, type, name, ...
    private static String[] providerPath(String resourceId) {
        Matcher m = PROVIDERS.matcher(resourceId);
        int start = -1;
        while (m.find()) {
            start = m.end();
        }
        if (start < 0) {
            return new String[0];
        }
        String rest = resourceId.substring(start);
        return rest.isEmpty() ? new String[0] : rest.split("/");
    }

    // Storage resource logs write "1.2.3.4:5678"; rules compare IPs with CIDRs, so drop the port.
    static String stripPort(String ip) {
        Matcher v4 = IPV4_WITH_PORT.matcher(ip);
        if (v4.matches()) {
            return v4.group(1);
        }
        Matcher v6 = BRACKETED_WITH_PORT.matcher(ip);
        return v6.matches() ? v6.group(1) : ip;
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        return "";
    }
}
