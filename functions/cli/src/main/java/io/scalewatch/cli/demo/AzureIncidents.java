package io.scalewatch.cli.demo;

import static io.scalewatch.cli.demo.DemoTime.at;
import static io.scalewatch.cli.demo.Json.obj;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The Azure incidents of the demo day, by MAESTRO layer. The agent's service principal holds a legacy Owner
 * assignment on the subscription besides its cluster role, which is what lets these calls succeed.
 */
final class AzureIncidents {
    private static final String SUB_SCOPE = "/subscriptions/" + AzureActivity.SUBSCRIPTION;
    /** Azure's built-in Owner role definition id. */
    static final String OWNER_ROLE = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
    /** A real PKCS#10 request (ECDSA P-256, subject O=system:masters, CN=castai-debug), PEM, base64 as in spec. */
    private static final String CSR_SYSTEM_MASTERS =
            "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0KTUlIck1JR1NBZ0VBTURBeEZ6QVZCZ05WQkFvTURuTjVjM1Js"
            + "YlRwdFlYTjBaWEp6TVJVd0V3WURWUVFEREF4agpZWE4wWVdrdFpHVmlkV2N3V1RBVEJnY3Foa2pPUFFJQkJnZ3Foa2pPUFFN"
            + "QkJ3TkNBQVFGWUU0dS85czJFb29RCm9YVTJoRzdYMlNtZDFFZ1kzRW0wbExoK0lEK25WbDFpNmxBQjAvZzFBSFFka25PVDBj"
            + "TDB6RklhYjhGL01wV3IKaE9aZHB4R3JvQUF3Q2dZSUtvWkl6ajBFQXdJRFNBQXdSUUlnZkpEOE4wTXczV0RkQWRPeFNaeTI5"
            + "dTQ0Nm5EagpWTkxBc1JtSG5jeDBpRm9DSVFEc1RtOGlSeWZwalp3NitQdndsemlwOUdLRWZROFMxTm5ncDFreVEyMkZDdz09"
            + "Ci0tLS0tRU5EIENFUlRJRklDQVRFIFJFUVVFU1QtLS0tLQo=";

    private final DemoRandom random;

    AzureIncidents(DemoRandom random) {
        this.random = random;
    }

    private AzureActivity.Caller owner() {
        return new AzureActivity.Caller(AzureDemo.AGENT_OBJECT_ID, AzureDemo.AGENT_APP_ID, null,
                AzureDemo.vendorIp(random), "Owner", SUB_SCOPE);
    }

    /** Activity Log incidents (all in the afternoon, so delivered through Log Analytics). */
    List<Entry> activity() {
        List<Entry> out = new ArrayList<>();
        // L1: keys of the Azure OpenAI account listed by the agent.
        out.addAll(AzureActivity.operation(at(13, 20, 7), owner(),
                "Microsoft.CognitiveServices/accounts/listKeys/action",
                AzureActivity.id("rg-demo-ai", "Microsoft.CognitiveServices/accounts/demo-openai"),
                AzureActivity.Kind.SYNC, null, null, AzureActivity.LOCATION, random));
        // L6: Owner on the subscription for an outside service principal.
        String assignment = "b7e1c2d3-9f8a-4b6c-8d7e-1f2a3b4c5d6e";
        ObjectNode body = obj("Id", assignment, "Properties", obj(
                "PrincipalId", "d4c3b2a1-6666-4666-8666-666666666666",
                "PrincipalType", "ServicePrincipal",
                "RoleDefinitionId", SUB_SCOPE + "/providers/Microsoft.Authorization/roleDefinitions/" + OWNER_ROLE,
                "Scope", SUB_SCOPE,
                "Condition", null,
                "ConditionVersion", null));
        out.addAll(AzureActivity.operation(at(15, 16, 44), owner(), "Microsoft.Authorization/roleAssignments/write",
                SUB_SCOPE + "/providers/Microsoft.Authorization/roleAssignments/" + assignment,
                AzureActivity.Kind.SYNC, body, null, "global", random));
        // L4: an 8-GPU ND A100 v4 node.
        AzureDemo.Node gpu = new AzureDemo.Node("cast-demo-aks-" + random.hex(8), "Standard_ND96asr_v4", "1", false);
        out.addAll(AzureDemo.createVm(at(15, 37, 12), AzureDemo.agent(random), gpu, random));
        // L5: the subscription's SIEM diagnostic setting deleted.
        out.addAll(AzureActivity.operation(at(17, 38, 29), owner(), "Microsoft.Insights/diagnosticSettings/delete",
                SUB_SCOPE + "/providers/microsoft.insights/diagnosticSettings/activity-to-siem",
                AzureActivity.Kind.SYNC, null, null, "global", random));
        return out;
    }

    /** kube-audit incidents. */
    List<Entry> kubeAudit() {
        List<Entry> out = new ArrayList<>();
        // L3: an interactive shell opened in a payments pod by the agent's identity.
        String pod = "payments-api-6c8d9f7b5-q2w4e";
        out.add(KubeAudit.event(at(15, 22, 31), AzureDemo.agentK8s(random), "create",
                "/api/v1/namespaces/payments/pods/" + pod + "/exec?command=%2Fbin%2Fsh&container=api&stdin=true"
                        + "&stdout=true&tty=true",
                KubeAudit.ref("pods", "payments", pod, "exec"), 101, random));
        certificateApproval(out);
        return out;
    }

    /**
     * L3: a client certificate for system:masters requested (CN=castai-debug, O=system:masters in the PEM) and
     * approved by the agent itself: a cluster-admin credential outside RBAC that cannot be revoked.
     */
    private void certificateApproval(List<Entry> out) {
        String name = "castai-debug-admin";
        String uid = random.uuid();
        long created = at(15, 24, 5);
        ObjectNode metadata = obj("name", name);
        ObjectNode spec = obj(
                "request", CSR_SYSTEM_MASTERS,
                "signerName", "kubernetes.io/kube-apiserver-client",
                "expirationSeconds", 31_536_000,
                "usages", Json.arr("digital signature", "key encipherment", "client auth"));
        ObjectNode createRequest = obj("kind", "CertificateSigningRequest", "apiVersion", "certificates.k8s.io/v1",
                "metadata", metadata, "spec", spec);
        ObjectNode stored = createRequest.deepCopy();
        ((ObjectNode) stored.get("metadata")).put("uid", uid).put("resourceVersion", "31877410")
                .put("creationTimestamp", DemoTime.iso(created));
        ((ObjectNode) stored.get("spec")).put("username", AzureDemo.AGENT_OBJECT_ID)
                .set("groups", Json.arr("system:authenticated"));
        stored.set("status", obj());
        out.add(KubeAudit.event(created, AzureDemo.agentK8s(random), "create",
                "/apis/certificates.k8s.io/v1/certificatesigningrequests", csrRef(null, null), 201, createRequest,
                stored, random));
        long approved = at(15, 24, 38);
        ObjectNode approval = stored.deepCopy();
        approval.set("status", obj("conditions", Json.arr(obj(
                "type", "Approved",
                "status", "True",
                "reason", "AutoApproved",
                "message", "approved by castai-cluster-controller",
                "lastUpdateTime", DemoTime.iso(approved)))));
        ObjectNode approvedObject = approval.deepCopy();
        ((ObjectNode) approvedObject.get("metadata")).put("resourceVersion", "31877466");
        out.add(KubeAudit.event(approved, AzureDemo.agentK8s(random), "update",
                "/apis/certificates.k8s.io/v1/certificatesigningrequests/" + name + "/approval",
                csrRef(name, "approval"), 200, approval, approvedObject, random));
    }

    private static ObjectNode csrRef(String name, String subresource) {
        ObjectNode ref = obj("resource", "certificatesigningrequests");
        if (name != null) {
            ref.put("name", name);
        }
        ref.put("apiGroup", "certificates.k8s.io");
        ref.put("apiVersion", "v1");
        if (subresource != null) {
            ref.put("subresource", subresource);
        }
        return ref;
    }
}
