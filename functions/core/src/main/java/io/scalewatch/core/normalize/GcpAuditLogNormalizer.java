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
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Normalizes one GCP Cloud Logging {@code LogEntry} whose {@code protoPayload} is a Cloud Audit Logs
 * {@code AuditLog} (Admin Activity, Data Access, System Event, Policy Denied; GKE's {@code io.k8s.*}
 * entries included) into an {@link AuditEvent}. Tolerates the shapes exports produce: lowercase keys,
 * {@code at_sign_type} for {@code @type}, Panther {@code p_*} enrichment keys.
 *
 * <pre>{@code
 * AuditEvent event = GcpAuditLogNormalizer.create().normalizeJson(JsonFormat.printer().print(logEntry));
 * }</pre>
 *
 * <p>The actor is {@code authenticationInfo.principalEmail}; when the caller impersonated a service
 * account, the first delegate of {@code serviceAccountDelegationInfo} (the original caller) is
 * {@code source_identity}. {@code api.action} is the methodName without a leading API version
 * ({@code v1.compute.instances.insert} becomes {@code compute.instances.insert}).
 */
public final class GcpAuditLogNormalizer implements AuditRecordNormalizer {
    private static final String AUDIT_LOG_TYPE = "type.googleapis.com/google.cloud.audit.AuditLog";
    // v1. / beta. / alpha. / v1beta1. / v2. before a lowercase service word (compute, deploymentmanager)
    private static final Pattern VERSION_PREFIX =
            Pattern.compile("(?:v\\d+(?:(?:alpha|beta)\\d*)?|alpha|beta)\\.(?=[a-z])");
    private static final Pattern LOG_SCOPE =
            Pattern.compile("(projects|organizations|folders|billingAccounts)/([^/]+)/.*");
    private static final Pattern SERVICE_ACCOUNT_EMAIL =
            Pattern.compile("[^@]+@([a-z][a-z0-9-]*[a-z0-9])\\.iam\\.gserviceaccount\\.com");

    private GcpAuditLogNormalizer() {}

    /** The normalizer. */
    public static GcpAuditLogNormalizer create() {
        return new GcpAuditLogNormalizer();
    }

    @Override
    public CloudProvider cloud() {
        return CloudProvider.GCP;
    }

    @Override
    public AuditEvent normalize(JsonNode record) {
        RecordLimits.check(record);
        Node r = Node.root(record);
        Node payload = r.object("protoPayload");
        if (!payload.present()) {
            throw Node.missing("$.protoPayload");
        }
        String payloadType = payload.text("@type");
        if (payloadType.isEmpty()) {
            payloadType = payload.text("at_sign_type");
        }
        if (!payloadType.isEmpty() && !payloadType.equals(AUDIT_LOG_TYPE)) {
            throw new InvalidAuditRecordException(QuarantineKind.UNKNOWN_SHAPE, "protoPayload @type '"
                    + Text.printable(payloadType) + "' is not a Cloud Audit Logs entry (" + AUDIT_LOG_TYPE + ")");
        }
        String methodName = payload.requireText("methodName");
        Node requestMetadata = payload.object("requestMetadata");
        Instant time = r.time("timestamp", "receiveTimestamp")
                .or(() -> requestMetadata.object("requestAttributes").time("time"))
                .or(() -> r.time("p_event_time"))
                .orElseThrow(() -> Node.missingTime("$.timestamp", "receiveTimestamp",
                        "protoPayload.requestMetadata.requestAttributes.time", "p_event_time"));

        String logName = r.text("logName");
        Node resource = r.object("resource");
        Node labels = resource.object("labels");
        String uid = r.text("insertId");
        if (uid.isEmpty()) {
            // No insertId (trimmed fixtures): a stable hash of the entry stands in.
            uid = RecordHash.uid(record);
        }
        Node status = payload.object("status");
        String code = status.scalar("code");
        boolean failed = !code.isEmpty() && !code.equals("0");
        String resourceName = payload.text("resourceName");
        List<ResourceRef> resources = resourceName.isEmpty()
                ? List.of()
                : List.of(new ResourceRef(resource.text("type"), resourceName));
        return new AuditEvent(
                time,
                new CloudLocation(CloudProvider.GCP, scope(labels, logName), region(labels, payload)),
                actor(payload.object("authenticationInfo")),
                new ApiCall(payload.text("serviceName"), methodName, action(methodName),
                        Redactor.redact(payload.get("request")), Redactor.redact(response(payload)),
                        failed ? new ApiError(code, status.text("message")) : ApiError.NONE),
                new Endpoint(requestMetadata.text("callerIp"), requestMetadata.text("callerSuppliedUserAgent")),
                resources,
                failed ? EventStatus.FAILURE : EventStatus.SUCCESS,
                new EventMetadata(uid, "gcp_audit", logName.contains("data_access")));
    }

    /** {@code v1.compute.instances.insert} to {@code compute.instances.insert}; other names unchanged. */
    static String action(String methodName) {
        Matcher m = VERSION_PREFIX.matcher(methodName);
        return m.lookingAt() ? methodName.substring(m.end()) : methodName;
    }

    private static Actor actor(Node auth) {
        String principal = auth.text("principalEmail");
        if (principal.isEmpty()) {
            principal = subjectEmail(auth.text("principalSubject"));
        }
        String sourceIdentity = "";
        JsonNode delegation = auth.array("serviceAccountDelegationInfo");
        if (delegation != null && !delegation.isEmpty()) {
            Node first = Node.of(delegation.get(0), auth.pathOf("serviceAccountDelegationInfo[0]"), auth.depth() + 2);
            sourceIdentity = first.object("firstPartyPrincipal").text("principalEmail");
            if (sourceIdentity.isEmpty()) {
                sourceIdentity = subjectEmail(first.text("principalSubject"));
            }
        }
        Matcher sa = SERVICE_ACCOUNT_EMAIL.matcher(principal);
        return new Actor(principal, principalType(principal), "", auth.text("serviceAccountKeyName"), sourceIdentity,
                "", sa.matches() ? sa.group(1) : "");
    }

    // principalSubject is "user:a@b", "serviceAccount:x@y" or a principal:// URI for federated identities.
    private static String subjectEmail(String subject) {
        for (String prefix : new String[] {"user:", "serviceAccount:"}) {
            if (subject.startsWith(prefix)) {
                return subject.substring(prefix.length());
            }
        }
        return subject;
    }

    private static String principalType(String principal) {
        if (principal.isEmpty()) {
            return "";
        }
        if (principal.endsWith("gserviceaccount.com")) {
            return "ServiceAccount";
        }
        if (principal.startsWith("system:serviceaccount:")) {
            return "KubernetesServiceAccount";
        }
        if (principal.startsWith("system:")) {
            return "KubernetesSystem";
        }
        return "User";
    }

    // The project of the entry; organization / folder / billing-account logs name that scope instead.
    private static String scope(Node labels, String logName) {
        String project = labels.scalar("project_id");
        if (!project.isEmpty()) {
            return project;
        }
        Matcher m = LOG_SCOPE.matcher(logName);
        if (!m.matches()) {
            return "";
        }
        return m.group(1).equals("projects") ? m.group(2) : m.group(1) + "/" + m.group(2);
    }

    private static String region(Node labels, Node payload) {
        for (String name : new String[] {"location", "zone", "region"}) {
            String value = labels.text(name);
            if (!value.isEmpty()) {
                return value;
            }
        }
        JsonNode current = payload.object("resourceLocation").array("currentLocations");
        return current != null && !current.isEmpty() && current.get(0).isTextual() ? current.get(0).textValue() : "";
    }

    // protoPayload.metadata and serviceData carry what some services log instead of a response
    // (GKE node pools, IAM policy deltas, storage copies); rules read them from api.response.
    private static JsonNode response(Node payload) {
        JsonNode response = payload.get("response");
        JsonNode metadata = payload.get("metadata");
        JsonNode serviceData = payload.get("serviceData");
        if (metadata == null && serviceData == null) {
            return response;
        }
        ObjectNode merged = response != null && response.isObject()
                ? ((ObjectNode) response).deepCopy()
                : JsonNodeFactory.instance.objectNode();
        if (response != null && !response.isObject()) {
            merged.set("value", response);
        }
        if (metadata != null) {
            merged.set("metadata", metadata);
        }
        if (serviceData != null) {
            merged.set("serviceData", serviceData);
        }
        return merged;
    }
}
