package io.scalewatch.cli.demo;

import static io.scalewatch.cli.demo.Json.arr;
import static io.scalewatch.cli.demo.Json.obj;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds one Cloud Audit Logs {@code LogEntry} (protoPayload of type AuditLog) as Cloud Logging returns it.
 *
 * <pre>{@code
 * Entry e = GcpEntry.of(t, agent, "compute.googleapis.com", "v1.compute.instances.list", name)
 *         .dataAccess().resource("gce_instance", labels).permission("compute.instances.list").build(random);
 * }</pre>
 */
final class GcpEntry {
    static final String PROJECT = "demo-project";
    static final String PROJECT_NUMBER = "482155503321";
    static final String ACTIVITY_LOG = "projects/" + PROJECT + "/logs/cloudaudit.googleapis.com%2Factivity";
    static final String DATA_ACCESS_LOG = "projects/" + PROJECT + "/logs/cloudaudit.googleapis.com%2Fdata_access";
    private static final String AUDIT_LOG = "type.googleapis.com/google.cloud.audit.AuditLog";

    /**
     * Who calls: principal, caller IP and user agent; {@code keyName} is the user-managed key that signed the
     * call, or null.
     */
    record Caller(String email, String ip, String userAgent, String keyName) {
    }

    private final long timeMs;
    private final Caller caller;
    private final String service;
    private final String method;
    private final String resourceName;
    private String logName = ACTIVITY_LOG;
    private String severity = "NOTICE";
    private String resourceType = "audited_resource";
    private ObjectNode resourceLabels = obj("project_id", PROJECT);
    private String permission;
    private String permissionResource;
    private JsonNode request;
    private JsonNode response;
    private JsonNode metadata;
    private JsonNode serviceData;
    private ObjectNode status;
    private ObjectNode operation;
    private ObjectNode labels;
    private String location;

    private GcpEntry(long timeMs, Caller caller, String service, String method, String resourceName) {
        this.timeMs = timeMs;
        this.caller = caller;
        this.service = service;
        this.method = method;
        this.resourceName = resourceName;
    }

    static GcpEntry of(long timeMs, Caller caller, String service, String method, String resourceName) {
        return new GcpEntry(timeMs, caller, service, method, resourceName);
    }

    /** A read: written to the data_access log at INFO. */
    GcpEntry dataAccess() {
        logName = DATA_ACCESS_LOG;
        severity = "INFO";
        return this;
    }

    GcpEntry resource(String type, ObjectNode resourceLabelValues) {
        resourceType = type;
        resourceLabels = resourceLabelValues;
        return this;
    }

    GcpEntry permission(String name) {
        return permission(name, resourceName);
    }

    GcpEntry permission(String name, String resource) {
        permission = name;
        permissionResource = resource;
        return this;
    }

    GcpEntry request(JsonNode value) {
        request = value;
        return this;
    }

    GcpEntry response(JsonNode value) {
        response = value;
        return this;
    }

    GcpEntry metadata(JsonNode value) {
        metadata = value;
        return this;
    }

    GcpEntry serviceData(JsonNode value) {
        serviceData = value;
        return this;
    }

    /** A failed call: google.rpc.Status code and message; the entry becomes an ERROR. */
    GcpEntry status(int code, String message) {
        status = obj("code", code, "message", message);
        severity = "ERROR";
        return this;
    }

    /** The long-running operation this entry starts ({@code first}) or ends ({@code last}). */
    GcpEntry operation(String id, String producer, boolean first) {
        operation = obj("id", id, "producer", producer);
        operation.put(first ? "first" : "last", true);
        return this;
    }

    GcpEntry labels(ObjectNode value) {
        labels = value;
        return this;
    }

    GcpEntry location(String value) {
        location = value;
        return this;
    }

    Entry build(DemoRandom random) {
        ObjectNode authentication = obj("principalEmail", caller.email());
        if (caller.keyName() != null) {
            authentication.put("serviceAccountKeyName", caller.keyName());
        }
        if (!caller.email().startsWith("system:")) {
            String kind = caller.email().endsWith(".gserviceaccount.com") ? "serviceAccount:" : "user:";
            authentication.put("principalSubject", kind + caller.email());
        }
        ObjectNode payload = obj("@type", AUDIT_LOG);
        if (status != null) {
            payload.set("status", status);
        }
        payload.set("authenticationInfo", authentication);
        payload.set("requestMetadata", obj(
                "callerIp", caller.ip(),
                "callerSuppliedUserAgent", caller.userAgent(),
                "requestAttributes", obj(
                        "time", DemoTime.isoMicros(timeMs - 1 - random.below(40), random.between(0, 999)),
                        "auth", obj()),
                "destinationAttributes", obj()));
        payload.put("serviceName", service);
        payload.put("methodName", method);
        if (permission != null) {
            payload.set("authorizationInfo", arr(obj(
                    "resource", permissionResource,
                    "permission", permission,
                    "granted", status == null || status.get("code").asInt() != 7,
                    "resourceAttributes", obj())));
        }
        payload.put("resourceName", resourceName);
        putIfPresent(payload, "serviceData", serviceData);
        putIfPresent(payload, "request", request);
        putIfPresent(payload, "response", response);
        putIfPresent(payload, "metadata", metadata);
        if (location != null) {
            payload.set("resourceLocation", obj("currentLocations", arr(location)));
        }
        ObjectNode entry = obj(
                "protoPayload", payload,
                "insertId", insertId(random),
                "resource", obj("type", resourceType, "labels", resourceLabels),
                "timestamp", DemoTime.isoMicros(timeMs, random.between(0, 999)),
                "severity", severity);
        if (labels != null) {
            entry.set("labels", labels);
        }
        entry.put("logName", logName);
        if (operation != null) {
            entry.set("operation", operation);
        }
        entry.put("receiveTimestamp", DemoTime.isoMicros(timeMs + 300 + random.below(900), random.between(0, 999)));
        return new Entry(timeMs, entry);
    }

    private String insertId(DemoRandom random) {
        return service.equals("k8s.io") ? random.uuid() : "-" + random.alnum(12);
    }

    private static void putIfPresent(ObjectNode node, String field, JsonNode value) {
        if (value != null) {
            node.set(field, value);
        }
    }
}
