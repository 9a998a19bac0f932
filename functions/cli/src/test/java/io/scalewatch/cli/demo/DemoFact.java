package io.scalewatch.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the tests judge about one raw record, read independently of the generator: the test's small oracle of
 * "who did what, where, from where". Mirrors the normalized event shape the rules see.
 *
 * @param cloud aws, gcp or azure
 * @param agent true when one of the demo's watched principals made the call (or obtained its credentials)
 * @param action AWS {@code service:Event}, GCP method without {@code v1.}, Azure operation lower-case, {@code k8s.*}
 * @param timeMs event time
 * @param ip caller IP
 * @param region region or location ({@code global} where the log says so)
 * @param account target account / project / subscription
 * @param userAgent user agent where the log has one, else empty
 * @param instanceTypes instance types a launch names
 * @param error error code, empty on success
 * @param launch a new instance was requested (counted once per instance request)
 * @param terminated instances whose termination this record starts
 * @param startOfOperation false for the completion entries of long-running operations (GCP last, Azure Accept/Success)
 * @param record the raw record
 */
record DemoFact(String cloud, boolean agent, String action, long timeMs, String ip, String region, String account,
        String userAgent, List<String> instanceTypes, String error, boolean launch, int terminated,
        boolean startOfOperation, JsonNode record) {
    static final String GCP_AGENT = "castai-gke@demo-project.iam.gserviceaccount.com";
    static final String AZURE_AGENT = "0b5c2f6e-1111-4111-8111-111111111111";
    static final String AWS_ROLE = "arn:aws:iam::111122223333:role/castai-eks-demo";
    static final String AWS_USER = "arn:aws:iam::111122223333:user/cast-eks-demo";

    static List<DemoFact> of(DemoData.LoadedFile file) {
        List<DemoFact> facts = new ArrayList<>();
        for (JsonNode record : file.records()) {
            facts.add(switch (file.format()) {
                case CLOUDTRAIL_RECORDS -> aws(record);
                case GCP_LOG_ENTRIES -> gcp(record);
                case AZURE_RECORDS -> record.path("category").asText().equals("kube-audit")
                        ? kube(record) : azure(record);
                case AZURE_LOG_ANALYTICS -> logAnalytics(record);
            });
        }
        return facts;
    }

    static DemoFact aws(JsonNode r) {
        JsonNode identity = r.get("userIdentity");
        String issuer = identity.path("sessionContext").path("sessionIssuer").path("arn").asText();
        String name = r.get("eventName").asText();
        boolean assumesRole = name.startsWith("AssumeRole")
                && r.path("requestParameters").path("roleArn").asText().equals(AWS_ROLE);
        boolean agent = issuer.equals(AWS_ROLE) || identity.path("arn").asText().equals(AWS_USER) || assumesRole;
        String action = r.get("eventSource").asText().replace(".amazonaws.com", "") + ":" + name;
        JsonNode request = r.path("requestParameters");
        List<String> types = new ArrayList<>();
        if (request.has("instanceType")) {
            types.add(request.get("instanceType").asText());
        }
        String error = r.path("errorCode").asText("");
        boolean launch = name.equals("RunInstances") && error.isEmpty();
        int terminated = name.equals("TerminateInstances") ? request.path("instancesSet").path("items").size() : 0;
        return new DemoFact("aws", agent, action, Instant.parse(r.get("eventTime").asText()).toEpochMilli(),
                r.get("sourceIPAddress").asText(), r.get("awsRegion").asText(), r.get("recipientAccountId").asText(),
                r.path("userAgent").asText(""), types, error, launch, terminated, true, r);
    }

    static DemoFact gcp(JsonNode r) {
        JsonNode payload = r.get("protoPayload");
        String method = payload.get("methodName").asText().replaceFirst("^(v1|beta)\\.", "");
        boolean first = !r.path("operation").path("last").asBoolean(false);
        JsonNode labels = r.path("resource").path("labels");
        String region = labels.has("zone") ? labels.get("zone").asText().replaceFirst("-[a-z]$", "")
                : labels.path("location").asText(payload.path("resourceLocation").path("currentLocations").path(0)
                        .asText("global")).replaceFirst("-[a-z]$", "");
        List<String> types = new ArrayList<>();
        String machineType = payload.path("request").path("machineType").asText("");
        if (!machineType.isEmpty()) {
            types.add(machineType.substring(machineType.lastIndexOf('/') + 1));
        }
        String error = payload.has("status") && payload.get("status").has("code")
                ? payload.get("status").get("code").asText() : "";
        boolean launch = method.equals("compute.instances.insert") && first;
        int terminated = method.equals("compute.instances.delete") && first ? 1 : 0;
        return new DemoFact("gcp", payload.path("authenticationInfo").path("principalEmail").asText().equals(GCP_AGENT),
                method, Instant.parse(r.get("timestamp").asText()).toEpochMilli(),
                payload.path("requestMetadata").path("callerIp").asText(), region, labels.path("project_id").asText(),
                payload.path("requestMetadata").path("callerSuppliedUserAgent").asText(""), types, error, launch,
                terminated, first, r);
    }

    static DemoFact azure(JsonNode r) {
        JsonNode claims = r.path("identity").path("claims");
        String oid = claims.path("http://schemas.microsoft.com/identity/claims/objectidentifier").asText();
        return azureFact(oid, r.get("operationName").asText(), r.get("resultType").asText(), r.get("time").asText(),
                r.get("callerIpAddress").asText(), r.get("location").asText(), r.get("properties"), r);
    }

    static DemoFact logAnalytics(JsonNode row) {
        JsonNode properties = parseJson(row.get("Properties_d").asText());
        JsonNode claims = parseJson(row.get("Claims_d").asText());
        String oid = claims.path("http://schemas.microsoft.com/identity/claims/objectidentifier").asText();
        String location = row.get("ResourceGroup").asText().isEmpty() ? "global" : "westeurope";
        return azureFact(oid, row.get("OperationNameValue").asText(), row.get("ActivityStatusValue").asText(),
                row.get("TimeGenerated").asText(), row.get("CallerIpAddress").asText(), location, properties, row);
    }

    private static DemoFact azureFact(String oid, String operation, String phase, String time, String ip,
            String location, JsonNode properties, JsonNode record) {
        String action = operation.toLowerCase(Locale.ROOT);
        List<String> types = new ArrayList<>();
        if (properties.has("requestbody")) {
            JsonNode body = parseJson(properties.get("requestbody").asText());
            String size = body.path("properties").path("hardwareProfile").path("vmSize").asText("");
            if (!size.isEmpty() && action.equals("microsoft.compute/virtualmachines/write")) {
                types.add(size);
            }
        }
        boolean start = phase.equals("Start");
        String error = phase.equals("Failure") ? properties.path("statusCode").asText("Failure") : "";
        boolean launch = start && action.equals("microsoft.compute/virtualmachines/write");
        int terminated = start && action.equals("microsoft.compute/virtualmachines/delete") ? 1 : 0;
        return new DemoFact("azure", oid.equals(AZURE_AGENT), action, Instant.parse(time).toEpochMilli(), ip,
                location, "3f2b8c1d-4e5a-4b6c-9d7e-8f9a0b1c2d3e", "", types, error, launch, terminated, start,
                record);
    }

    static DemoFact kube(JsonNode r) {
        JsonNode log = parseJson(r.get("properties").get("log").asText());
        JsonNode ref = log.get("objectRef");
        String sub = ref.has("subresource") ? "." + ref.get("subresource").asText() : "";
        String action = "k8s." + ref.get("resource").asText() + sub + "." + log.get("verb").asText();
        int code = log.path("responseStatus").path("code").asInt();
        return new DemoFact("azure", log.path("user").path("username").asText().equals(AZURE_AGENT), action,
                Instant.parse(log.get("requestReceivedTimestamp").asText()).toEpochMilli(),
                log.path("sourceIPs").path(0).asText(), "westeurope", "3f2b8c1d-4e5a-4b6c-9d7e-8f9a0b1c2d3e",
                log.path("userAgent").asText(""), List.of(), code >= 400 ? String.valueOf(code) : "", false, 0, true,
                r);
    }

    static JsonNode parseJson(String text) {
        try {
            return DemoData.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }

    @Override
    public String toString() {
        return cloud + " " + action + " at " + DemoTime.iso(timeMs) + " by " + (agent ? "agent" : "other") + " from "
                + ip + " in " + region + "/" + account + (error.isEmpty() ? "" : " error " + error);
    }

    /** Instances a launch asks for: RunInstances maxCount, else one (GCP insert, Azure VM write); 0 for others. */
    int instances() {
        return launch ? Math.max(1, record.at("/requestParameters/instancesSet/items/0/maxCount").asInt(1)) : 0;
    }

    long bucket() {
        return Math.floorDiv(timeMs, DemoTime.BUCKET);
    }
}
