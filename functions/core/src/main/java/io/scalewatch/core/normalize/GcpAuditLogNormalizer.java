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
import io.scalewatch.core.event.PermissionCheck;
import io.scalewatch.core.event.ResourceRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
 *
 * <p>Trimmed entries are normalized when they name an operation ({@code methodName} in the payload or at the
 * top level, else the first {@code authorizationInfo} permission); fallbacks, missing parts and dropped
 * placeholders are listed in {@code metadata.issues} ({@link NormalizationIssues}).
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
        IssueList issues = new IssueList();
        Node payload = r.object("protoPayload");
        String payloadType = payload.text("@type");
        if (payloadType.isEmpty()) {
            payloadType = payload.text("at_sign_type");
        }
        if (!payloadType.isEmpty() && !payloadType.equals(AUDIT_LOG_TYPE)) {
            throw new InvalidAuditRecordException(QuarantineKind.UNKNOWN_SHAPE, "protoPayload @type '"
                    + Text.printable(payloadType) + "' is not a Cloud Audit Logs entry (" + AUDIT_LOG_TYPE + ")");
        }
        String methodName =
                payloadOrTop(payload, r, "methodName", issues, NormalizationIssues.METHOD_NAME_AT_TOP_LEVEL);
        String action;
        if (methodName.isEmpty()) {
            // Last resort: the IAM permission checked names the operation, in permission form.
            action = firstPermission(payload);
            if (action.isEmpty()) {
                throw new InvalidAuditRecordException(QuarantineKind.MISSING_FIELD, "protoPayload.methodName is"
                        + " missing (nor methodName, protoPayload.authorizationInfo[0].permission): the entry names"
                        + " no operation");
            }
            issues.add(NormalizationIssues.ACTION_FROM_PERMISSION);
        } else {
            action = action(methodName);
        }
        Node requestMetadata = payload.objectOrDrop("requestMetadata", issues,
                NormalizationIssues.REQUEST_METADATA_DROPPED);
        Instant time = r.time("timestamp")
                .or(() -> payload.time("timestamp", issues, NormalizationIssues.TIME_FROM_PAYLOAD_TIMESTAMP))
                .or(() -> r.time("receiveTimestamp", issues, NormalizationIssues.TIME_FROM_RECEIVE_TIMESTAMP))
                .or(() -> requestMetadata.objectOrDrop("requestAttributes", issues,
                                NormalizationIssues.REQUEST_ATTRIBUTES_DROPPED)
                        .time("time", issues, NormalizationIssues.TIME_FROM_REQUEST_ATTRIBUTES))
                .or(() -> r.time("p_event_time", issues, NormalizationIssues.TIME_FROM_P_EVENT_TIME))
                .orElseGet(issues::undated);

        String logName = r.text("logName");
        Node resource = r.objectOrDrop("resource", issues, NormalizationIssues.RESOURCE_DROPPED);
        Node labels = resource.object("labels");
        String uid = r.text("insertId");
        if (issues.addIf(uid.isEmpty(), NormalizationIssues.NO_EVENT_ID)) {
            // No insertId (trimmed fixtures): a stable hash of the entry stands in.
            uid = RecordHash.uid(record);
        }
        Node status = payload.object("status");
        String code = status.scalar("code");
        boolean failed = !code.isEmpty() && !code.equals("0");
        String resourceName = payloadOrTop(payload, r, "resourceName", issues,
                NormalizationIssues.RESOURCE_NAME_AT_TOP_LEVEL);
        List<ResourceRef> resources = resourceName.isEmpty()
                ? List.of()
                : List.of(new ResourceRef(resource.text("type"), resourceName));
        Node auth = payload.object("authenticationInfo");
        if (!auth.present() && r.has("authenticationInfo")) {
            auth = r.object("authenticationInfo");
            issues.add(NormalizationIssues.AUTHENTICATION_INFO_AT_TOP_LEVEL);
        }
        Actor actor = actor(auth);
        issues.addIf(actor.principal().isEmpty(), NormalizationIssues.NO_PRINCIPAL);
        String service =
                payloadOrTop(payload, r, "serviceName", issues, NormalizationIssues.SERVICE_NAME_AT_TOP_LEVEL);
        JsonNode request = payload.objectValueOrDrop("request", issues, NormalizationIssues.REQUEST_DROPPED);
        JsonNode response = response(payload, issues);
        Endpoint endpoint = new Endpoint(
                requestMetadata.textOrDrop("callerIp", issues, NormalizationIssues.CALLER_IP_DROPPED),
                requestMetadata.textOrDrop("callerSuppliedUserAgent", issues,
                        NormalizationIssues.CALLER_USER_AGENT_DROPPED));
        return new AuditEvent(
                time,
                new CloudLocation(CloudProvider.GCP, scope(labels, logName),
                        region(labels, payload.objectOrDrop("resourceLocation", issues,
                                NormalizationIssues.RESOURCE_LOCATION_DROPPED))),
                actor,
                new ApiCall(service, methodName, action, Redactor.redact(request), Redactor.redact(response),
                        failed ? new ApiError(code, status.text("message")) : ApiError.NONE,
                        permissions(payload, issues)),
                endpoint,
                resources,
                failed ? EventStatus.FAILURE : EventStatus.SUCCESS,
                new EventMetadata(uid, "gcp_audit", logName.contains("data_access"), issues.list()));
    }

    // A field of the AuditLog payload; trimmed fixtures put some at the LogEntry's top level instead.
    private static String payloadOrTop(Node payload, Node r, String name, IssueList issues, String issue) {
        String value = payload.text(name);
        if (value.isEmpty()) {
            value = r.text(name);
            issues.addIf(!value.isEmpty(), issue);
        }
        return value;
    }

    // authorizationInfo[0].permission, e.g. iam.roles.update; "" when there is none.
    private static String firstPermission(Node payload) {
        JsonNode authorization = payload.array("authorizationInfo");
        if (authorization == null || authorization.isEmpty()) {
            return "";
        }
        return Node.of(authorization.get(0), payload.pathOf("authorizationInfo[0]"), payload.depth() + 2)
                .text("permission");
    }

    // authorizationInfo[] as distinct {permission, granted} pairs in log order (one entry per resource checked
    // repeats a permission). granted is a proto3 bool: JSON leaves false out, so only true counts as granted.
    // Entries without a permission say nothing usable and are skipped; a non-array is dropped with an issue.
    private static List<PermissionCheck> permissions(Node payload, IssueList issues) {
        JsonNode authorization = payload.get("authorizationInfo");
        if (authorization == null) {
            return List.of();
        }
        if (!authorization.isArray()) {
            issues.add(NormalizationIssues.AUTHORIZATION_INFO_DROPPED);
            return List.of();
        }
        Set<PermissionCheck> checks = new LinkedHashSet<>();
        for (JsonNode entry : authorization) {
            if (!entry.isObject()) {
                continue;
            }
            Node check = Node.of(entry, payload.pathOf("authorizationInfo[]"), payload.depth() + 2);
            JsonNode permission = check.get("permission");
            if (permission == null || !permission.isTextual() || permission.textValue().isBlank()) {
                continue;
            }
            JsonNode granted = check.get("granted");
            boolean isGranted = granted != null
                    && (granted.isBoolean() ? granted.booleanValue() : "true".equalsIgnoreCase(granted.asText()));
            checks.add(new PermissionCheck(permission.textValue(), isGranted));
        }
        return new ArrayList<>(checks);
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

    private static String region(Node labels, Node resourceLocation) {
        for (String name : new String[] {"location", "zone", "region"}) {
            String value = labels.text(name);
            if (!value.isEmpty()) {
                return value;
            }
        }
        JsonNode current = resourceLocation.array("currentLocations");
        return current != null && !current.isEmpty() && current.get(0).isTextual() ? current.get(0).textValue() : "";
    }

    // protoPayload.metadata and serviceData carry what some services log instead of a response
    // (GKE node pools, IAM policy deltas, storage copies); rules read them from api.response. Each is a
    // Struct in the AuditLog; one that is not an object is dropped with an issue.
    private static JsonNode response(Node payload, IssueList issues) {
        JsonNode response = payload.objectValueOrDrop("response", issues, NormalizationIssues.RESPONSE_DROPPED);
        JsonNode metadata = payload.objectValueOrDrop("metadata", issues, NormalizationIssues.METADATA_DROPPED);
        JsonNode serviceData =
                payload.objectValueOrDrop("serviceData", issues, NormalizationIssues.SERVICE_DATA_DROPPED);
        if (metadata == null && serviceData == null) {
            return response;
        }
        ObjectNode merged = response != null
                ? ((ObjectNode) response).deepCopy()
                : JsonNodeFactory.instance.objectNode();
        if (metadata != null) {
            merged.set("metadata", metadata);
        }
        if (serviceData != null) {
            merged.set("serviceData", serviceData);
        }
        return merged;
    }
}
