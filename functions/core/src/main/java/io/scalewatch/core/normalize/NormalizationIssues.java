package io.scalewatch.core.normalize;

import java.util.List;

/**
 * The phrases a normalizer writes to {@code metadata.issues} when it normalizes a record that lacks or
 * garbles an optional part (docs/normalization.md lists the same). Stable: rules, dashboards and tests may
 * match them; add new phrases, never reword one.
 *
 * <p>A record is still quarantined when it names no operation, is not a JSON object, breaks a hard limit
 * (size, depth, duplicate or control-character keys), or holds a wrong-typed or unparseable value where
 * the event says who, what, when or which event (actor, operation, event time, event id): that is more
 * likely corruption or tampering than trimming, and guessing would misattribute the call.
 */
public final class NormalizationIssues {
    /** The record states no event time; the event is {@code AuditEvent.UNDATED}. */
    public static final String NO_EVENT_TIME = "no event time";
    /** The record names no principal (actor.principal is empty). */
    public static final String NO_PRINCIPAL = "no principal";
    /** The record has no event id (CloudTrail eventID, GCP insertId, Kubernetes auditID); a hash stands in. */
    public static final String NO_EVENT_ID = "no event id; record hash used";
    /** The event time is Panther's {@code p_event_time}. */
    public static final String TIME_FROM_P_EVENT_TIME = "time from p_event_time";

    /** CloudTrail: the event time is a Logstash export's {@code @timestamp}. */
    public static final String TIME_FROM_AT_TIMESTAMP = "time from @timestamp";
    /** CloudTrail: no eventSource, so {@code api.action} is the bare eventName and {@code api.service} empty. */
    public static final String NO_EVENT_SOURCE = "no eventSource; action has no service prefix";
    /** CloudTrail: requestParameters is neither an object nor JSON text. */
    public static final String REQUEST_PARAMETERS_DROPPED = "requestParameters is not an object; dropped";
    /** CloudTrail: responseElements is neither an object nor JSON text. */
    public static final String RESPONSE_ELEMENTS_DROPPED = "responseElements is not an object; dropped";
    /** CloudTrail: resources is not an array. */
    public static final String RESOURCES_DROPPED = "resources is not an array; dropped";
    /** CloudTrail: an element of resources is not an object (e.g. a Python repr string); that element. */
    public static final String RESOURCES_ENTRY_DROPPED = "resources entry is not an object; dropped";
    /** CloudTrail: awsRegion is not a string. */
    public static final String AWS_REGION_DROPPED = "awsRegion is not a string; dropped";
    /** CloudTrail: sourceIPAddress is not a string. */
    public static final String SOURCE_IP_ADDRESS_DROPPED = "sourceIPAddress is not a string; dropped";
    /** CloudTrail: userAgent is not a string. */
    public static final String USER_AGENT_DROPPED = "userAgent is not a string; dropped";

    /** GCP: the LogEntry timestamp sits inside protoPayload (Panther fixtures). */
    public static final String TIME_FROM_PAYLOAD_TIMESTAMP = "time from protoPayload.timestamp";
    /** GCP: no timestamp; the time Cloud Logging received the entry. */
    public static final String TIME_FROM_RECEIVE_TIMESTAMP = "time from receiveTimestamp";
    /** GCP: no timestamp; the request time of requestMetadata.requestAttributes. */
    public static final String TIME_FROM_REQUEST_ATTRIBUTES = "time from requestAttributes.time";
    /** GCP: methodName is a field of the LogEntry, not of its protoPayload. */
    public static final String METHOD_NAME_AT_TOP_LEVEL = "methodName at top level";
    /** GCP: serviceName is a field of the LogEntry, not of its protoPayload. */
    public static final String SERVICE_NAME_AT_TOP_LEVEL = "serviceName at top level";
    /** GCP: resourceName is a field of the LogEntry, not of its protoPayload. */
    public static final String RESOURCE_NAME_AT_TOP_LEVEL = "resourceName at top level";
    /** GCP: authenticationInfo is a field of the LogEntry, not of its protoPayload. */
    public static final String AUTHENTICATION_INFO_AT_TOP_LEVEL = "authenticationInfo at top level";
    /**
     * GCP: no methodName anywhere; {@code api.action} is the first IAM permission checked, which names the
     * operation in permission form ({@code iam.roles.update}), not method form; {@code api.operation} is empty.
     */
    public static final String ACTION_FROM_PERMISSION = "action taken from authorizationInfo[0].permission";
    /** GCP: protoPayload.requestMetadata is not an object (caller IP and user agent are lost). */
    public static final String REQUEST_METADATA_DROPPED = "requestMetadata is not an object; dropped";
    /** GCP: requestMetadata.requestAttributes is not an object (its request time is lost). */
    public static final String REQUEST_ATTRIBUTES_DROPPED = "requestAttributes is not an object; dropped";
    /** GCP: protoPayload.resourceLocation is not an object. */
    public static final String RESOURCE_LOCATION_DROPPED = "resourceLocation is not an object; dropped";
    /** GCP: the LogEntry resource is not an object (resource type, project and location labels are lost). */
    public static final String RESOURCE_DROPPED = "resource is not an object; dropped";
    /** GCP: protoPayload.request is not an object. */
    public static final String REQUEST_DROPPED = "request is not an object; dropped";
    /** GCP: protoPayload.response is not an object. */
    public static final String RESPONSE_DROPPED = "response is not an object; dropped";
    /** GCP: protoPayload.metadata is not an object. */
    public static final String METADATA_DROPPED = "metadata is not an object; dropped";
    /** GCP: protoPayload.serviceData is not an object. */
    public static final String SERVICE_DATA_DROPPED = "serviceData is not an object; dropped";
    /** GCP: requestMetadata.callerIp is not a string. */
    public static final String CALLER_IP_DROPPED = "callerIp is not a string; dropped";
    /** GCP: requestMetadata.callerSuppliedUserAgent is not a string. */
    public static final String CALLER_USER_AGENT_DROPPED = "callerSuppliedUserAgent is not a string; dropped";
    /** GCP: {@code authorizationInfo} is not an array; the permission checks are lost. */
    public static final String AUTHORIZATION_INFO_DROPPED = "authorizationInfo is not an array; dropped";

    /** Azure Logs Query row: no TimeGenerated; the time the event was submitted. */
    public static final String TIME_FROM_EVENT_SUBMISSION = "time from EventSubmissionTimestamp";
    /** Azure AKS audit: no record time; the Kubernetes audit event's requestReceivedTimestamp. */
    public static final String TIME_FROM_REQUEST_RECEIVED = "time from requestReceivedTimestamp";
    /** Azure AKS audit: no record time nor requestReceivedTimestamp; the audit event's stageTimestamp. */
    public static final String TIME_FROM_STAGE_TIMESTAMP = "time from stageTimestamp";
    /** Azure: properties (Properties_d) is neither an object nor JSON text (request and response are lost). */
    public static final String PROPERTIES_DROPPED = "properties is not an object; dropped";
    /** Azure: httpRequest is not an object. */
    public static final String HTTP_REQUEST_DROPPED = "httpRequest is not an object; dropped";
    /** Azure: callerIpAddress (or httpRequest.clientIpAddress) is not a string. */
    public static final String CALLER_IP_ADDRESS_DROPPED = "callerIpAddress is not a string; dropped";

    /** Every phrase a normalizer may write, in the order docs/normalization.md lists them. */
    public static final List<String> ALL = List.of(
            NO_EVENT_TIME, NO_PRINCIPAL, NO_EVENT_ID, TIME_FROM_P_EVENT_TIME,
            // CloudTrail
            TIME_FROM_AT_TIMESTAMP, NO_EVENT_SOURCE, REQUEST_PARAMETERS_DROPPED, RESPONSE_ELEMENTS_DROPPED,
            RESOURCES_DROPPED, RESOURCES_ENTRY_DROPPED, AWS_REGION_DROPPED, SOURCE_IP_ADDRESS_DROPPED,
            USER_AGENT_DROPPED,
            // GCP
            TIME_FROM_PAYLOAD_TIMESTAMP, TIME_FROM_RECEIVE_TIMESTAMP, TIME_FROM_REQUEST_ATTRIBUTES,
            METHOD_NAME_AT_TOP_LEVEL, SERVICE_NAME_AT_TOP_LEVEL, RESOURCE_NAME_AT_TOP_LEVEL,
            AUTHENTICATION_INFO_AT_TOP_LEVEL, ACTION_FROM_PERMISSION, REQUEST_METADATA_DROPPED,
            REQUEST_ATTRIBUTES_DROPPED, RESOURCE_LOCATION_DROPPED, RESOURCE_DROPPED, REQUEST_DROPPED,
            RESPONSE_DROPPED, METADATA_DROPPED, SERVICE_DATA_DROPPED, CALLER_IP_DROPPED, CALLER_USER_AGENT_DROPPED,
            AUTHORIZATION_INFO_DROPPED,
            // Azure
            TIME_FROM_EVENT_SUBMISSION, TIME_FROM_REQUEST_RECEIVED, TIME_FROM_STAGE_TIMESTAMP, PROPERTIES_DROPPED,
            HTTP_REQUEST_DROPPED, CALLER_IP_ADDRESS_DROPPED);

    private NormalizationIssues() {}
}
