package io.scalewatch.cli.demo;

import static io.scalewatch.cli.demo.DemoTime.DAY_START_MS;
import static io.scalewatch.cli.demo.DemoTime.HOUR;
import static io.scalewatch.cli.demo.DemoTime.MINUTE;
import static io.scalewatch.cli.demo.DemoTime.SECOND;
import static io.scalewatch.cli.demo.Json.arr;
import static io.scalewatch.cli.demo.Json.obj;

import java.util.List;

/**
 * Azure background of principals other than the agent: the AKS cluster identity reconciling the load balancer, an
 * engineer deploying, kubelets and controllers in kube-audit. Outside the identity filter.
 */
final class AzureOthers {
    private static final String SUB_SCOPE = "/subscriptions/" + AzureActivity.SUBSCRIPTION;

    private final DemoRandom random;

    AzureOthers(DemoRandom random) {
        this.random = random;
    }

    void addTo(List<Entry> activity, List<Entry> kube) {
        clusterIdentity(activity);
        engineer(activity);
        kubelets(kube);
        controllers(kube);
    }

    private void clusterIdentity(List<Entry> activity) {
        AzureActivity.Caller aks = new AzureActivity.Caller("9c1d2e3f-3333-4333-8333-333333333333",
                "e5f6a7b8-3333-4333-8333-333333333334", null, "20.103.45.12", "Network Contributor",
                SUB_SCOPE + "/resourceGroups/" + AzureDemo.NODE_RESOURCE_GROUP);
        String lb = AzureActivity.id(AzureDemo.NODE_RESOURCE_GROUP, "Microsoft.Network/loadBalancers/kubernetes");
        for (int slot = 0; slot < 48; slot++) {
            long t = DAY_START_MS + slot * 30 * MINUTE + random.below(25 * MINUTE);
            activity.addAll(AzureActivity.operation(t, aks, "Microsoft.Network/loadBalancers/write", lb,
                    AzureActivity.Kind.SYNC, obj("location", AzureActivity.LOCATION, "sku", obj("name", "Standard"),
                            "properties", obj("frontendIPConfigurations", arr(obj("name", "kubernetes")))),
                    null, AzureActivity.LOCATION, random));
        }
    }

    private void engineer(List<Entry> activity) {
        AzureActivity.Caller alice = new AzureActivity.Caller("3e4f5a6b-4444-4444-8444-444444444444", null,
                "alice.martin@demo-corp.example", "62.210.44.23", "Contributor", SUB_SCOPE);
        for (int i = 0; i < 4; i++) {
            long t = DemoTime.at(9 + 2 * i, random.between(0, 50), random.between(5, 55));
            String deployment = AzureActivity.id("rg-demo-web", "Microsoft.Resources/deployments/web-release-"
                    + random.digits(6));
            activity.addAll(AzureActivity.operation(t, alice, "Microsoft.Resources/deployments/write", deployment,
                    AzureActivity.Kind.ASYNC_WRITE, obj("properties", obj("mode", "Incremental")), null,
                    AzureActivity.LOCATION, random));
            activity.addAll(AzureActivity.operation(t + 5 * MINUTE, alice, "Microsoft.Web/sites/restart/action",
                    AzureActivity.id("rg-demo-web", "Microsoft.Web/sites/demo-web"), AzureActivity.Kind.SYNC, null,
                    null, AzureActivity.LOCATION, random));
        }
    }

    private void kubelets(List<Entry> kube) {
        for (String node : List.of("aks-system-41852097-vmss000000", "aks-system-41852097-vmss000001")) {
            KubeAudit.User kubelet = new KubeAudit.User("system:node:" + node,
                    List.of("system:nodes", "system:authenticated"), null, "10.224.0." + (node.endsWith("0") ? 4 : 5),
                    "kubelet/v1.30.5 (linux/amd64) kubernetes/74e84a9");
            for (long t = DAY_START_MS + random.below(MINUTE); t < DAY_START_MS + DemoTime.DAY; t += 5 * MINUTE) {
                kube.add(KubeAudit.event(t, kubelet, "patch", "/api/v1/nodes/" + node + "/status?timeout=10s",
                        KubeAudit.ref("nodes", null, node, "status"), 200, random));
            }
        }
    }

    private void controllers(List<Entry> kube) {
        KubeAudit.User replicaSets = new KubeAudit.User("system:serviceaccount:kube-system:replicaset-controller",
                List.of("system:serviceaccounts", "system:serviceaccounts:kube-system", "system:authenticated"),
                null, "172.31.6.20", "kube-controller-manager/v1.30.5 (linux/amd64) kubernetes/74e84a9/system:"
                        + "serviceaccount:kube-system:replicaset-controller");
        for (int i = 0; i < 150; i++) {
            long t = DAY_START_MS + random.below(DemoTime.DAY - MINUTE);
            String namespace = random.pick(GcpDemo.NAMESPACES);
            kube.add(KubeAudit.event(t, replicaSets, "create", "/api/v1/namespaces/" + namespace + "/pods",
                    KubeAudit.ref("pods", namespace, null, null), 201, random));
        }
        KubeAudit.User alice = new KubeAudit.User("alice.martin@demo-corp.example",
                List.of("3f1a2b3c-5555-4555-8555-555555555555", "system:authenticated"), null, "62.210.44.23",
                "kubectl/v1.30.5 (darwin/arm64) kubernetes/74e84a9");
        for (int hour = 9; hour < 18; hour++) {
            for (int i = 0; i < 4; i++) {
                long t = DAY_START_MS + hour * HOUR + random.below(HOUR - MINUTE);
                String namespace = random.pick(GcpDemo.NAMESPACES);
                kube.add(KubeAudit.event(t, alice, "list", "/api/v1/namespaces/" + namespace + "/pods?limit=500",
                        KubeAudit.ref("pods", namespace, null, null), 200, random));
                kube.add(KubeAudit.event(t + 3 * SECOND, alice, "get", "/api/v1/namespaces/" + namespace
                        + "/pods/web-" + random.hex(9) + "-" + random.alnum(5) + "/log",
                        KubeAudit.ref("pods", namespace, null, "log"), 200, random));
            }
        }
    }
}
