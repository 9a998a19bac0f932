package io.scalewatch.cli.demo;

import static io.scalewatch.cli.demo.Json.obj;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds one CloudTrail record with the fields and field order CloudTrail writes.
 *
 * <pre>{@code
 * Entry e = CloudTrailEvent.call(t, agent, AwsService.EC2, "DescribeInstances", "us-east-1")
 *         .request(obj("instancesSet", obj())).readOnly(true).build(random);
 * }</pre>
 */
final class CloudTrailEvent {
    private final long timeMs;
    private final AwsCaller caller;
    private final AwsService service;
    private final String eventName;
    private final String region;
    private JsonNode request;
    private JsonNode response;
    private JsonNode additionalEventData;
    private boolean readOnly;
    private String errorCode;
    private String errorMessage;
    private ArrayNode resources;
    private String recipientAccountId = AwsDemo.ACCOUNT;
    private String sharedEventId;
    private boolean dataEvent;
    private String host;
    private String requestId;

    private CloudTrailEvent(long timeMs, AwsCaller caller, AwsService service, String eventName, String region) {
        this.timeMs = timeMs;
        this.caller = caller;
        this.service = service;
        this.eventName = eventName;
        this.region = region;
    }

    static CloudTrailEvent call(long timeMs, AwsCaller caller, AwsService service, String eventName, String region) {
        return new CloudTrailEvent(timeMs, caller, service, eventName, region);
    }

    CloudTrailEvent request(JsonNode value) {
        request = value;
        return this;
    }

    CloudTrailEvent response(JsonNode value) {
        response = value;
        return this;
    }

    CloudTrailEvent additionalEventData(JsonNode value) {
        additionalEventData = value;
        return this;
    }

    CloudTrailEvent readOnly(boolean value) {
        readOnly = value;
        return this;
    }

    CloudTrailEvent error(String code, String message) {
        errorCode = code;
        errorMessage = message;
        return this;
    }

    CloudTrailEvent resources(ArrayNode value) {
        resources = value;
        return this;
    }

    CloudTrailEvent recipient(String account) {
        recipientAccountId = account;
        return this;
    }

    CloudTrailEvent sharedEventId(String value) {
        sharedEventId = value;
        return this;
    }

    /** An S3 object-level (data) event rather than a management event. */
    CloudTrailEvent dataEvent(String tlsHost) {
        dataEvent = true;
        host = tlsHost;
        return this;
    }

    CloudTrailEvent requestId(String value) {
        requestId = value;
        return this;
    }

    Entry build(DemoRandom random) {
        ObjectNode node = obj(
                "eventVersion", service.eventVersion(),
                "userIdentity", caller.userIdentity(),
                "eventTime", DemoTime.iso(timeMs),
                "eventSource", service.eventSource(),
                "eventName", eventName,
                "awsRegion", region,
                "sourceIPAddress", caller.sourceIp(),
                "userAgent", caller.userAgentFor(service));
        if (errorCode != null) {
            node.put("errorCode", errorCode);
            node.put("errorMessage", errorMessage);
        }
        node.set("requestParameters", Json.value(request));
        node.set("responseElements", Json.value(response));
        if (additionalEventData != null) {
            node.set("additionalEventData", additionalEventData);
        }
        node.put("requestID", requestId != null ? requestId : random.uuid());
        node.put("eventID", random.uuid());
        node.put("readOnly", readOnly);
        if (resources != null) {
            node.set("resources", resources);
        }
        node.put("eventType", "AwsApiCall");
        node.put("managementEvent", !dataEvent);
        node.put("recipientAccountId", recipientAccountId);
        if (sharedEventId != null) {
            node.put("sharedEventID", sharedEventId);
        }
        node.put("eventCategory", dataEvent ? "Data" : "Management");
        if (caller.sourceIp().endsWith(".amazonaws.com")) {
            // Calls an AWS service makes on a principal's behalf carry no client TLS details.
            return new Entry(timeMs, node);
        }
        node.set("tlsDetails", obj(
                "tlsVersion", "TLSv1.3",
                "cipherSuite", "TLS_AES_128_GCM_SHA256",
                "clientProvidedHostHeader", host != null ? host : service.host(region)));
        return new Entry(timeMs, node);
    }
}
