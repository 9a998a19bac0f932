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
        return out;
    }
}
