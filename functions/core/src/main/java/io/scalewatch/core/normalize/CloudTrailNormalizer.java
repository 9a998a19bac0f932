package io.scalewatch.core.normalize;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Normalizes one AWS CloudTrail record (as delivered to S3 / CloudWatch Logs / EventBridge, or exported
 * by Athena with lowercase keys), or one CloudTrail {@code LookupEvents} result event
 * ({@code {"EventId": ..., "CloudTrailEvent": "<json>"}}), into an {@link AuditEvent}.
 *
 * <pre>{@code
 * AuditEvent event = CloudTrailNormalizer.create().normalizeJson(lookupEvent.cloudTrailEvent());
 * }</pre>
 *
 * <p>Mapping (docs/normalization.md has the full table): the actor of an assumed-role session is its
 * role ({@code sessionContext.sessionIssuer.arn}, else derived from the {@code assumed-role} ARN), with the
 * session ARN as {@code session}; {@code api.action} is {@code <iam prefix>:<eventName>}.
 *
 * <p>A record needs an {@code eventName}; without a time it is undated, without an {@code eventSource} its
 * action is the bare eventName, and wrong-typed context fields are dropped, each listed in
 * {@code metadata.issues} ({@link NormalizationIssues}).
 */
public final class CloudTrailNormalizer implements AuditRecordNormalizer {
    private static final Pattern ASSUMED_ROLE =
            Pattern.compile("arn:(aws[a-z-]*):sts::(\\d{12}):assumed-role/([^/]+)(?:/.*)?");
    private static final Pattern EVENT_SOURCE_SUFFIX = Pattern.compile("\\.amazonaws\\.com(\\.cn)?$");
    // eventSource host prefixes that differ from the IAM service prefix the catalogs and grants use
    private static final Map<String, String> IAM_PREFIX = Map.of("monitoring", "cloudwatch", "email", "ses");
    // Lambda and CloudFront version their eventNames (UpdateFunctionConfiguration20150331v2)
    private static final Pattern VERSIONED_NAME = Pattern.compile("(.+?)(\\d{8}(v\\d+)?|\\d{4}_\\d{2}_\\d{2})");

    private CloudTrailNormalizer() {}

    /** The normalizer. */
    public static CloudTrailNormalizer create() {
        return new CloudTrailNormalizer();
    }

    @Override
    public CloudProvider cloud() {
        return CloudProvider.AWS;
    }

    @Override
    public AuditEvent normalize(JsonNode record) {
        RecordLimits.check(record);
        Node outer = Node.root(record);
        JsonNode source = record;
        String lookupEventId = "";
        if (outer.has("CloudTrailEvent")) {
            JsonNode embedded = outer.get("CloudTrailEvent");
            if (embedded.isTextual()) {
                source = Jsons.parseEmbedded(embedded.textValue(), 1, "$.CloudTrailEvent");
            } else if (embedded.isObject()) {
                source = embedded;
            } else {
                throw Node.wrongType("$.CloudTrailEvent", "a JSON string or object", embedded);
            }
            lookupEventId = outer.scalar("EventId");
        }
        Node r = source == record ? outer : Node.of(source, "$.CloudTrailEvent", 2);
        IssueList issues = new IssueList();

        String eventName = r.requireText("eventName");
        String eventSource = r.text("eventSource");
        Instant time = r.time("eventTime")
                .or(() -> r.time("@timestamp", issues, NormalizationIssues.TIME_FROM_AT_TIMESTAMP))
                .or(() -> r.time("p_event_time", issues, NormalizationIssues.TIME_FROM_P_EVENT_TIME))
                .orElseGet(issues::undated);

        Node identity = r.object("userIdentity");
        String service = EVENT_SOURCE_SUFFIX.matcher(eventSource).replaceFirst("");
        String action;
        if (issues.addIf(service.isEmpty(), NormalizationIssues.NO_EVENT_SOURCE)) {
            // The eventName alone names the call; which service it went to is not stated, so not guessed.
            action = eventName;
        } else {
            action = IAM_PREFIX.getOrDefault(service, service) + ":" + unversioned(service, eventName);
        }
        String errorCode = r.scalar("errorCode");
        String errorMessage = r.text("errorMessage");
        JsonNode request =
                jsonOrEmbedded(r, "requestParameters", issues, NormalizationIssues.REQUEST_PARAMETERS_DROPPED);
        JsonNode response =
                jsonOrEmbedded(r, "responseElements", issues, NormalizationIssues.RESPONSE_ELEMENTS_DROPPED);

        String account = r.scalar("recipientAccountId");
        if (account.isEmpty()) {
            account = identity.scalar("accountId");
        }
        String uid = r.text("eventID");
        if (uid.isEmpty()) {
            uid = lookupEventId;
        }
        if (issues.addIf(uid.isEmpty(), NormalizationIssues.NO_EVENT_ID)) {
            // No eventID (trimmed test fixtures, hand-made records): a stable hash of the record stands in,
            // so a record read twice still names the same event.
            uid = RecordHash.uid(source);
        }
        Actor actor = actor(r, identity);
        issues.addIf(actor.principal().isEmpty(), NormalizationIssues.NO_PRINCIPAL);
        String region = r.textOrDrop("awsRegion", issues, NormalizationIssues.AWS_REGION_DROPPED);
        Endpoint endpoint = new Endpoint(
                r.textOrDrop("sourceIPAddress", issues, NormalizationIssues.SOURCE_IP_ADDRESS_DROPPED),
                r.textOrDrop("userAgent", issues, NormalizationIssues.USER_AGENT_DROPPED));
        List<ResourceRef> resources = resources(r, action, request, issues);
        return new AuditEvent(
                time,
                new CloudLocation(CloudProvider.AWS, account, region),
                actor,
                new ApiCall(service, eventName, action, Redactor.redact(request), Redactor.redact(response),
                        new ApiError(errorCode, errorMessage)),
                endpoint,
                resources,
                failed(errorCode, errorMessage, response) ? EventStatus.FAILURE : EventStatus.SUCCESS,
                new EventMetadata(uid, "cloudtrail", r.bool("readOnly").orElse(false), issues.list()));
    }

    private static Actor actor(Node r, Node identity) {
        String type = identity.text("type");
        String arn = identity.text("arn");
        Node sessionContext = identity.object("sessionContext");
        String principal;
        String session = "";
        if (type.equals("AssumedRole")) {
            principal = sessionContext.object("sessionIssuer").text("arn");
            if (principal.isEmpty()) {
                principal = roleOfSession(arn);
            }
            session = arn;
        } else {
            principal = arn;
        }
        if (principal.isEmpty()) {
            principal = identity.text("principalId");
        }
        if (principal.isEmpty()) {
            principal = identity.text("invokedBy");
        }
        String sourceIdentity = sessionContext.text("sourceIdentity");
        if (sourceIdentity.isEmpty()) {
            sourceIdentity = r.text("sourceIdentity");
        }
        return new Actor(principal, type, session, identity.text("accessKeyId"), sourceIdentity, "",
                identity.scalar("accountId"));
    }

    /**
     * The role ARN behind {@code arn:aws:sts::<acct>:assumed-role/<name>/<session>}. Assumed-role ARNs
     * drop the role's path, so the derived ARN has none; IdentityMatcher also matches on the session ARN.
     */
    static String roleOfSession(String sessionArn) {
        Matcher m = ASSUMED_ROLE.matcher(sessionArn);
        return m.matches() ? "arn:" + m.group(1) + ":iam::" + m.group(2) + ":role/" + m.group(3) : "";
    }

    private static String unversioned(String service, String eventName) {
        if (service.equals("lambda") || service.equals("cloudfront")) {
            Matcher m = VERSIONED_NAME.matcher(eventName);
            if (m.matches()) {
                return m.group(1);
            }
        }
        return eventName;
    }

    // CloudTrail writes request/response as objects; Athena exports write them as JSON strings. Anything
    // else (text that is not JSON, a number) is dropped with an issue: the call itself is still known.
    private static JsonNode jsonOrEmbedded(Node r, String name, IssueList issues, String issue) {
        JsonNode value = r.get(name);
        if (value == null) {
            return null;
        }
        if (value.isTextual()) {
            try {
                value = Jsons.parseEmbedded(value.textValue(), r.depth(), r.pathOf(name));
            } catch (InvalidAuditRecordException e) {
                if (e.kind() != QuarantineKind.MALFORMED_JSON) {
                    throw e;
                }
                value = null;
            }
        }
        if (value == null || !value.isContainerNode()) {
            issues.add(issue);
            return null;
        }
        return value;
    }

    // A failed console sign-in has no errorCode, only responseElements.ConsoleLogin = Failure.
    private static boolean failed(String errorCode, String errorMessage, JsonNode response) {
        return !errorCode.isEmpty() || !errorMessage.isEmpty()
                || (response != null && response.path("ConsoleLogin").asText("").equals("Failure"));
    }

    private static List<ResourceRef> resources(Node r, String action, JsonNode request, IssueList issues) {
        List<ResourceRef> out = new ArrayList<>();
        JsonNode resources = r.get("resources");
        if (resources != null && !resources.isArray()) {
            issues.add(NormalizationIssues.RESOURCES_DROPPED);
            resources = null;
        }
        if (resources != null) {
            for (JsonNode entry : resources) {
                // Panther fixtures hold Python repr strings here: "{'accountId': ..., 'arn': ...}"
                String arn = entry.isObject() ? textOf(entry, "ARN", textOf(entry, "ARNPrefix", "")) : null;
                String type = entry.isObject() ? textOf(entry, "type", "") : null;
                if (arn == null || type == null) {
                    issues.add(NormalizationIssues.RESOURCES_ENTRY_DROPPED);
                } else if (!arn.isEmpty()) {
                    out.add(new ResourceRef(type, arn));
                }
            }
        }
        if (action.startsWith("sts:AssumeRole") && request != null && request.isObject()) {
            String roleArn = Node.of(request, r.pathOf("requestParameters"), r.depth() + 1).text("roleArn");
            if (!roleArn.isEmpty() && out.stream().noneMatch(ref -> ref.uid().equals(roleArn))) {
                out.add(new ResourceRef("AWS::IAM::Role", roleArn));
            }
        }
        return out;
    }

    // A string field of a resources[] entry: its text, the fallback when absent or empty, null when not text.
    private static String textOf(JsonNode entry, String name, String fallback) {
        JsonNode value = Node.of(entry, "resources[]", 3).get(name);
        if (value == null) {
            return fallback;
        }
        if (!value.isTextual()) {
            return null;
        }
        return value.textValue().isEmpty() ? fallback : value.textValue();
    }
}
