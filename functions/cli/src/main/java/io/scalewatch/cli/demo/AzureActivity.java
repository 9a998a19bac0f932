package io.scalewatch.cli.demo;

import static io.scalewatch.cli.demo.DemoTime.SECOND;
import static io.scalewatch.cli.demo.Json.obj;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds Azure Activity Log records in the diagnostic-settings (Event Hub / storage) schema: one record per phase
 * of an ARM operation (Start, Accept, Success or Failure), sharing a correlation id.
 */
final class AzureActivity {
    static final String TENANT = "72f988bf-0000-4000-8000-0000000000aa";
    static final String SUBSCRIPTION = "3f2b8c1d-4e5a-4b6c-9d7e-8f9a0b1c2d3e";
    static final String LOCATION = "westeurope";

    /**
     * The caller of an ARM operation and the role assignment that allowed it.
     *
     * @param objectId Entra object id
     * @param appId application id for service principals, null for users
     * @param upn user principal name for users, null for service principals
     * @param ip caller IP address
     * @param role role name in the authorization evidence
     * @param roleScope scope of that role assignment
     */
    record Caller(String objectId, String appId, String upn, String ip, String role, String roleScope) {
        boolean isApp() {
            return appId != null && upn == null;
        }

        Caller from(String otherIp) {
            return new Caller(objectId, appId, upn, otherIp, role, roleScope);
        }
    }

    /** What kind of ARM operation: which phases it logs. */
    enum Kind {
        /** PUT answered 201 and completed asynchronously: Start, Accept, Success. */
        ASYNC_WRITE,
        /** PUT/POST completed at once: Start, Success. */
        SYNC,
        /** DELETE completed asynchronously: Start, Accept, Success. */
        ASYNC_DELETE
    }

    private AzureActivity() {
    }

    static String id(String resourceGroup, String provider) {
        return "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/" + resourceGroup + "/providers/" + provider;
    }

    /** The records of one successful operation. */
    static List<Entry> operation(long t, Caller caller, String operation, String resourceId, Kind kind,
            ObjectNode requestBody, ObjectNode responseBody, String location, DemoRandom random) {
        String correlation = random.uuid();
        List<Entry> out = new ArrayList<>();
        ObjectNode start = base(resourceId, operation);
        if (requestBody != null) {
            start = obj("requestbody", Json.text(requestBody));
            start.setAll(base(resourceId, operation));
        }
        out.add(record(t, caller, operation, resourceId, "Start", "Started.", 0, correlation, start, location,
                random));
        long done = t + 1500 + random.below(2 * SECOND);
        switch (kind) {
            case SYNC -> out.add(record(done, caller, operation, resourceId, "Success", "Succeeded.OK",
                    (int) (done - t), correlation, status("OK", random, resourceId, operation, responseBody),
                    location, random));
            case ASYNC_WRITE, ASYNC_DELETE -> {
                String accepted = kind == Kind.ASYNC_WRITE ? "Created" : "Accepted";
                out.add(record(done, caller, operation, resourceId, "Accept", "Accepted." + accepted,
                        (int) (done - t), correlation, status(accepted, random, resourceId, operation, responseBody),
                        location, random));
                long end = done + 25 * SECOND + random.below(40 * SECOND);
                out.add(record(end, caller, operation, resourceId, "Success", "Succeeded.", 0, correlation,
                        status("OK", random, resourceId, operation, null), location, random));
            }
            default -> throw new IllegalStateException("unknown kind " + kind);
        }
        return out;
    }

    /** The records of an operation ARM refused: Start, then Failure with the error as statusMessage. */
    static List<Entry> failure(long t, Caller caller, String operation, String resourceId, ObjectNode requestBody,
            String statusCode, String errorCode, String errorMessage, DemoRandom random) {
        String correlation = random.uuid();
        ObjectNode start = obj("requestbody", Json.text(requestBody));
        start.setAll(base(resourceId, operation));
        ObjectNode failed = obj("statusCode", statusCode, "serviceRequestId", random.uuid(),
                "statusMessage", Json.text(obj("error", obj("code", errorCode, "message", errorMessage))));
        failed.setAll(base(resourceId, operation));
        long end = t + 3 * SECOND + random.below(2 * SECOND);
        ObjectNode failure = record(end, caller, operation, resourceId, "Failure", "Failed." + statusCode,
                (int) (end - t), correlation, failed, LOCATION, random).node();
        failure.put("level", "Error");
        return List.of(record(t, caller, operation, resourceId, "Start", "Started.", 0, correlation, start, LOCATION,
                random), new Entry(end, failure));
    }

    private static ObjectNode status(String code, DemoRandom random, String resourceId, String operation,
            ObjectNode responseBody) {
        ObjectNode properties = obj("statusCode", code, "serviceRequestId", random.uuid());
        if (responseBody != null) {
            properties.put("responseBody", Json.text(responseBody));
        }
        properties.setAll(base(resourceId, operation));
        return properties;
    }

    private static ObjectNode base(String resourceId, String operation) {
        return obj(
                "eventCategory", "Administrative",
                "entity", resourceId,
                "message", operation,
                "hierarchy", TENANT + "/" + SUBSCRIPTION);
    }

    private static Entry record(long t, Caller caller, String operation, String resourceId, String resultType,
            String resultSignature, int durationMs, String correlation, ObjectNode properties, String location,
            DemoRandom random) {
        ObjectNode evidence = obj(
                "role", caller.role(),
                "roleAssignmentScope", caller.roleScope(),
                "roleAssignmentId", String.format("%08x", caller.roleScope().hashCode()) + "a1b2c3d4e5f6a7b8c9d0e1f2",
                "roleDefinitionId", String.format("%08x", caller.role().hashCode()) + "0f1e2d3c4b5a69788796a5b4",
                "principalId", caller.objectId().replace("-", ""),
                "principalType", caller.isApp() ? "ServicePrincipal" : "User");
        ObjectNode node = obj(
                "time", DemoTime.isoAzure(t, random.between(0, 9999)),
                "resourceId", resourceId.toUpperCase(Locale.ROOT),
                "operationName", operation.toUpperCase(Locale.ROOT),
                "category", "Administrative",
                "resultType", resultType,
                "resultSignature", resultSignature,
                "durationMs", durationMs,
                "callerIpAddress", caller.ip(),
                "correlationId", correlation,
                "identity", obj(
                        "authorization", obj("scope", resourceId, "action", operation, "evidence", evidence),
                        "claims", AzureClaims.of(caller, t)),
                "level", "Information",
                "location", location,
                "properties", properties);
        return new Entry(t, node);
    }
}
