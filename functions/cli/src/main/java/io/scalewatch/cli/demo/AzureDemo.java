package io.scalewatch.cli.demo;

import static io.scalewatch.cli.demo.DemoTime.BUCKET;
import static io.scalewatch.cli.demo.DemoTime.DAY_START_MS;
import static io.scalewatch.cli.demo.DemoTime.HOUR;
import static io.scalewatch.cli.demo.DemoTime.MINUTE;
import static io.scalewatch.cli.demo.DemoTime.SECOND;
import static io.scalewatch.cli.demo.Json.arr;
import static io.scalewatch.cli.demo.Json.obj;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The Azure part of the demo day: AKS cluster {@code demo-aks} (westeurope) managed by the agent's service
 * principal. The subscription's Activity Log reached the deployment through an Event Hub diagnostic setting until
 * noon and through Log Analytics after it, so both delivery shapes are in the dataset; AKS kube-audit comes through
 * the cluster's diagnostic setting. Incidents are in {@link AzureIncidents}.
 */
final class AzureDemo {
    static final String AGENT_OBJECT_ID = "0b5c2f6e-1111-4111-8111-111111111111";
    static final String AGENT_APP_ID = "6f1e1d2c-0000-4000-8000-000000000001";
    static final String RESOURCE_GROUP = "rg-aks-demo";
    static final String NODE_RESOURCE_GROUP = "MC_rg-aks-demo_aks-demo_westeurope";
    static final String VENDOR_CIDR = "34.120.11.0/24";
    static final String NODE_IDENTITY = AzureActivity.id(NODE_RESOURCE_GROUP,
            "Microsoft.ManagedIdentity/userAssignedIdentities/demo-aks-agentpool");
    static final List<String> SIZES = List.of("Standard_D4s_v5", "Standard_D8s_v5", "Standard_D4as_v5",
            "Standard_D16s_v5", "Standard_E4s_v5", "Standard_E8s_v5");
    static final String K8S_AGENT = "castai-cluster-controller/v0.54.0 (linux/amd64) kubernetes/$Format";
    static final long LOG_ANALYTICS_FROM = DemoTime.at(12, 0, 0);

    /** An AKS node VM the agent created. */
    record Node(String name, String size, String zone, boolean spot) {
    }

    private final long seed;
    private final List<Node> pool = new ArrayList<>();

    AzureDemo(long seed) {
        this.seed = seed;
    }

    static AzureActivity.Caller agent(DemoRandom random) {
        return new AzureActivity.Caller(AGENT_OBJECT_ID, AGENT_APP_ID, null, vendorIp(random),
                "CastAKSRole-demo-aks", "/subscriptions/" + AzureActivity.SUBSCRIPTION + "/resourceGroups/"
                        + NODE_RESOURCE_GROUP);
    }

    static KubeAudit.User agentK8s(DemoRandom random) {
        return new KubeAudit.User(AGENT_OBJECT_ID, List.of("system:authenticated"),
                obj("oid", arr(AGENT_OBJECT_ID)), vendorIp(random), K8S_AGENT);
    }

    static String vendorIp(DemoRandom random) {
        return "34.120.11." + random.between(11, 62);
    }

    static String vmId(String name) {
        return AzureActivity.id(NODE_RESOURCE_GROUP, "Microsoft.Compute/virtualMachines/" + name);
    }

    List<DemoFile> files() {
        DemoRandom random = new DemoRandom(seed * 61 + 13);
        List<Entry> activity = new ArrayList<>();
        List<Entry> kube = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            pool.add(newNode(random));
        }
        kubeReads(random, kube);
        scaling(random, activity, kube);
        agentPools(random, activity);
        new AzureOthers(new DemoRandom(seed * 67 + 17)).addTo(activity, kube);
        AzureIncidents incidents = new AzureIncidents(new DemoRandom(seed * 71 + 19));
        List<Entry> incidentActivity = incidents.activity();
        DemoRandom rows = new DemoRandom(seed * 73 + 23);
        List<Entry> eventHub = new ArrayList<>();
        List<Entry> logAnalytics = new ArrayList<>();
        activity.sort(Entry.BY_TIME);
        for (Entry record : activity) {
            if (record.timeMs() < LOG_ANALYTICS_FROM) {
                eventHub.add(record);
            } else {
                logAnalytics.add(AzureLogAnalytics.row(record, rows));
            }
        }
        List<Entry> incidentRows = new ArrayList<>();
        incidentActivity.sort(Entry.BY_TIME);
        for (Entry record : incidentActivity) {
            incidentRows.add(AzureLogAnalytics.row(record, rows));
        }
        String sub = AzureActivity.SUBSCRIPTION;
        return List.of(
                new DemoFile("azure/" + sub + "_activitylog-eventhub_20261124T0000Z_background.json.gz",
                        DemoFormat.AZURE_RECORDS, eventHub),
                new DemoFile("azure/" + sub + "_azureactivity-loganalytics_20261124T1200Z_background.json.gz",
                        DemoFormat.AZURE_LOG_ANALYTICS, logAnalytics),
                new DemoFile("azure/" + sub + "_azureactivity-loganalytics_20261124T1200Z_incidents.json.gz",
                        DemoFormat.AZURE_LOG_ANALYTICS, incidentRows),
                new DemoFile("azure/demo-aks_kube-audit_20261124T0000Z_background.json.gz", DemoFormat.AZURE_RECORDS,
                        kube),
                new DemoFile("azure/demo-aks_kube-audit_20261124T0000Z_incidents.json.gz", DemoFormat.AZURE_RECORDS,
                        incidents.kubeAudit()));
    }

    List<Node> pool() {
        return pool;
    }

    Node newNode(DemoRandom random) {
        return new Node("cast-demo-aks-" + random.hex(8), random.pick(SIZES), String.valueOf(random.between(1, 3)),
                random.chance(0.6));
    }

    /** The agent snapshots cluster state: nodes every minute, pods every two. */
    private static void kubeReads(DemoRandom random, List<Entry> kube) {
        for (int m = 0; m < 24 * 60; m++) {
            long t = DAY_START_MS + m * MINUTE + 5 * SECOND + random.below(50 * SECOND);
            kube.add(KubeAudit.event(t, agentK8s(random), "list", "/api/v1/nodes?limit=500",
                    KubeAudit.ref("nodes", null, null, null), 200, random));
            if (m % 2 == 1) {
                kube.add(KubeAudit.event(t + 2 * SECOND, agentK8s(random), "list", "/api/v1/pods?limit=500",
                        KubeAudit.ref("pods", null, null, null), 200, random));
            }
        }
    }

    private void scaling(DemoRandom random, List<Entry> activity, List<Entry> kube) {
        long capacityErrorAfter = DemoTime.at(7, 10, 0);
        for (int bucket = 0; bucket < 144; bucket++) {
            int hour = bucket / 6;
            long start = DAY_START_MS + bucket * BUCKET;
            if (pool.size() > 4 && random.chance(AwsDemo.terminateProbability(hour) * 0.7)) {
                long t = start + 30 * SECOND + random.below(5 * MINUTE);
                int count = Math.min(random.between(1, 2), pool.size() - 4);
                for (int i = 0; i < count; i++) {
                    t = drain(t, pool.remove(0), random, activity, kube) + 30 * SECOND;
                }
            } else if (random.chance(AwsDemo.launchProbability(hour) * 0.7)) {
                long t = start + 30 * SECOND + random.below(6 * MINUTE);
                if (t > capacityErrorAfter) {
                    Node refused = new Node("cast-demo-aks-" + random.hex(8), "Standard_D8s_v5", "2", true);
                    activity.addAll(AzureActivity.failure(t, agent(random), "Microsoft.Compute/virtualMachines/write",
                            vmId(refused.name()), vmBody(refused, random), "Conflict", "AllocationFailed",
                            "Allocation failed. We do not have sufficient capacity for the requested VM size in this"
                                    + " region. Read more about improving likelihood of allocation success at"
                                    + " http://aka.ms/allocation-guidance",
                            random));
                    capacityErrorAfter = Long.MAX_VALUE;
                    t += MINUTE;
                }
                int count = random.between(1, 3);
                for (int i = 0; i < count; i++) {
                    Node node = newNode(random);
                    activity.addAll(createVm(t, agent(random), node, random));
                    pool.add(node);
                    t += random.between(5, 12) * SECOND;
                }
            }
        }
    }

    /** NIC first, then the VM (its request body is what rules judge). */
    static List<Entry> createVm(long t, AzureActivity.Caller caller, Node node, DemoRandom random) {
        List<Entry> out = new ArrayList<>();
        String nicId = AzureActivity.id(NODE_RESOURCE_GROUP, "Microsoft.Network/networkInterfaces/" + node.name()
                + "-nic");
        ObjectNode nic = obj("location", AzureActivity.LOCATION, "properties", obj("ipConfigurations", arr(obj(
                "name", "ipconfig1", "properties", obj("subnet", obj("id", AzureActivity.id(NODE_RESOURCE_GROUP,
                        "Microsoft.Network/virtualNetworks/aks-vnet-41852097/subnets/aks-subnet")),
                        "privateIPAllocationMethod", "Dynamic")))));
        out.addAll(AzureActivity.operation(t, caller, "Microsoft.Network/networkInterfaces/write", nicId,
                AzureActivity.Kind.SYNC, nic, null, AzureActivity.LOCATION, random));
        long vmTime = t + 4 * SECOND + random.below(3 * SECOND);
        ObjectNode response = obj("name", node.name(), "id", vmId(node.name()), "type",
                "Microsoft.Compute/virtualMachines", "location", AzureActivity.LOCATION,
                "properties", obj("hardwareProfile", obj("vmSize", node.size()), "provisioningState", "Creating"));
        out.addAll(AzureActivity.operation(vmTime, caller, "Microsoft.Compute/virtualMachines/write",
                vmId(node.name()), AzureActivity.Kind.ASYNC_WRITE, vmBody(node, random), response,
                AzureActivity.LOCATION, random));
        return out;
    }

    static ObjectNode vmBody(Node node, DemoRandom random) {
        ObjectNode properties = obj(
                "hardwareProfile", obj("vmSize", node.size()),
                "storageProfile", obj(
                        "imageReference", obj("id", AzureActivity.id(NODE_RESOURCE_GROUP, "Microsoft.Compute"
                                + "/galleries/castaiimages/images/aks-ubuntu-2204/versions/202611.04.0")),
                        "osDisk", obj("createOption", "FromImage", "diskSizeGB", 128,
                                "managedDisk", obj("storageAccountType", "Premium_LRS"), "deleteOption", "Delete")),
                "osProfile", obj(
                        "computerName", node.name(),
                        "adminUsername", "azureuser",
                        "customData", random.base64(88),
                        "linuxConfiguration", obj("disablePasswordAuthentication", true)),
                "networkProfile", obj("networkInterfaces", arr(obj("id", AzureActivity.id(NODE_RESOURCE_GROUP,
                        "Microsoft.Network/networkInterfaces/" + node.name() + "-nic"),
                        "properties", obj("primary", true, "deleteOption", "Delete")))));
        if (node.spot()) {
            properties.put("priority", "Spot");
            properties.put("evictionPolicy", "Delete");
            properties.set("billingProfile", obj("maxPrice", -1));
        }
        return obj(
                "location", AzureActivity.LOCATION,
                "tags", obj("cast-managed-by", "cast.ai", "aks-managed-cluster-name", "aks-demo",
                        "aks-managed-cluster-rg", RESOURCE_GROUP),
                "identity", obj("type", "UserAssigned", "userAssignedIdentities", obj(NODE_IDENTITY, obj())),
                "zones", arr(node.zone()),
                "properties", properties);
    }

    /** Cordon and drain through the API server, then delete VM, NIC and disk. Returns the last timestamp. */
    private static long drain(long t, Node node, DemoRandom random, List<Entry> activity, List<Entry> kube) {
        KubeAudit.User k8s = agentK8s(random);
        kube.add(KubeAudit.event(t, k8s, "patch", "/api/v1/nodes/" + node.name(),
                KubeAudit.ref("nodes", null, node.name(), null), 200, random));
        int pods = random.between(2, 5);
        for (int i = 0; i < pods; i++) {
            t += random.between(2, 6) * SECOND;
            String namespace = random.pick(GcpDemo.NAMESPACES);
            String pod = random.pick("web", "api", "worker", "cart") + "-" + random.hex(9) + "-" + random.alnum(5);
            kube.add(KubeAudit.event(t, k8s, "create", "/api/v1/namespaces/" + namespace + "/pods/" + pod
                    + "/eviction", KubeAudit.ref("pods", namespace, pod, "eviction"), 201, random));
        }
        t += 40 * SECOND + random.below(30 * SECOND);
        AzureActivity.Caller caller = agent(random);
        activity.addAll(AzureActivity.operation(t, caller, "Microsoft.Compute/virtualMachines/delete",
                vmId(node.name()), AzureActivity.Kind.ASYNC_DELETE, null, null, AzureActivity.LOCATION, random));
        long later = t + 90 * SECOND;
        activity.addAll(AzureActivity.operation(later, caller, "Microsoft.Network/networkInterfaces/delete",
                AzureActivity.id(NODE_RESOURCE_GROUP, "Microsoft.Network/networkInterfaces/" + node.name() + "-nic"),
                AzureActivity.Kind.SYNC, null, null, AzureActivity.LOCATION, random));
        activity.addAll(AzureActivity.operation(later + 5 * SECOND, caller, "Microsoft.Compute/disks/delete",
                AzureActivity.id(NODE_RESOURCE_GROUP, "Microsoft.Compute/disks/" + node.name() + "_OsDisk_1_"
                        + random.hex(32)),
                AzureActivity.Kind.ASYNC_DELETE, null, null, AzureActivity.LOCATION, random));
        kube.add(KubeAudit.event(t + 20 * SECOND, k8s, "delete", "/api/v1/nodes/" + node.name(),
                KubeAudit.ref("nodes", null, node.name(), null), 200, random));
        return later;
    }

    /** The system agent pool's count, adjusted a couple of times an hour. */
    private static void agentPools(DemoRandom random, List<Entry> activity) {
        String poolId = AzureActivity.id(RESOURCE_GROUP, "Microsoft.ContainerService/managedClusters/demo-aks"
                + "/agentPools/system");
        AzureActivity.Caller clusterScope = new AzureActivity.Caller(AGENT_OBJECT_ID, AGENT_APP_ID, null, null,
                "CastAKSRole-demo-aks", "/subscriptions/" + AzureActivity.SUBSCRIPTION + "/resourceGroups/"
                        + RESOURCE_GROUP);
        for (int hour = 0; hour < 24; hour++) {
            for (int i = 0; i < 2; i++) {
                long t = DAY_START_MS + hour * HOUR + (i * 30 + random.between(1, 25)) * MINUTE + random.below(MINUTE);
                ObjectNode body = obj("properties", obj("count", random.between(2, 3), "vmSize", "Standard_D4s_v5",
                        "mode", "System", "orchestratorVersion", "1.30.5", "enableAutoScaling", false,
                        "osType", "Linux", "type", "VirtualMachineScaleSets"));
                activity.addAll(AzureActivity.operation(t, clusterScope.from(vendorIp(random)),
                        "Microsoft.ContainerService/managedClusters/agentPools/write", poolId,
                        AzureActivity.Kind.ASYNC_WRITE, body, null, AzureActivity.LOCATION, random));
            }
        }
    }
}
