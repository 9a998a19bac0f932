package io.scalewatch.cli.demo;

import static io.scalewatch.cli.demo.DemoTime.BUCKET;
import static io.scalewatch.cli.demo.DemoTime.DAY_START_MS;
import static io.scalewatch.cli.demo.DemoTime.HOUR;
import static io.scalewatch.cli.demo.DemoTime.MINUTE;
import static io.scalewatch.cli.demo.DemoTime.SECOND;
import static io.scalewatch.cli.demo.GcpEntry.PROJECT;
import static io.scalewatch.cli.demo.Json.arr;
import static io.scalewatch.cli.demo.Json.obj;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The GCP part of the demo day: GKE cluster {@code demo-gke} (us-central1) managed by the agent's service account
 * {@code castai-gke-demo}: compute reads, node launches and drains (Kubernetes evictions and node deletes),
 * node-pool resizes, other principals' background, and the injected incidents ({@link GcpIncidents}).
 */
final class GcpDemo {
    static final String AGENT = "castai-gke@" + PROJECT + ".iam.gserviceaccount.com";
    static final String NODE_SA = "demo-gke-nodes@" + PROJECT + ".iam.gserviceaccount.com";
    static final String CLUSTER = "demo-gke";
    static final String REGION = "us-central1";
    static final List<String> ZONES = List.of("us-central1-a", "us-central1-b", "us-central1-c");
    static final List<String> MACHINE_TYPES = List.of("n2-standard-4", "n2-standard-8", "n2-standard-16",
            "n2-highmem-4", "e2-standard-4", "e2-standard-8", "e2-highmem-4");
    static final String AGENT_AGENT = "castai-agent/0.60.1 google-api-go-client/0.5,gzip(gfe)";
    static final String K8S_AGENT = "castai-cluster-controller/v0.54.0 (linux/amd64) kubernetes/$Format";
    static final String CLUSTER_NAME = "projects/" + PROJECT + "/locations/" + REGION + "/clusters/" + CLUSTER;
    static final List<String> NAMESPACES = List.of("shop", "checkout", "search", "payments", "observability");

    /** A GKE node created by the agent. */
    record Node(String name, String id, String zone, String type, boolean spot) {
    }

    private final long seed;
    private final List<Node> pool = new ArrayList<>();

    GcpDemo(long seed) {
        this.seed = seed;
    }

    List<DemoFile> files() {
        List<Entry> background = background();
        List<Entry> incidents = new GcpIncidents(this, new DemoRandom(seed * 53 + 7)).entries();
        return List.of(
                new DemoFile("gcp/" + PROJECT + "_cloudaudit_20261124_background.jsonl.gz", DemoFormat.GCP_LOG_ENTRIES,
                        background),
                new DemoFile("gcp/" + PROJECT + "_cloudaudit_20261124_incidents.jsonl.gz", DemoFormat.GCP_LOG_ENTRIES,
                        incidents));
    }

    /** Nodes still running at the end of the background day. */
    List<Node> pool() {
        return pool;
    }

    static GcpEntry.Caller agent(DemoRandom random) {
        return new GcpEntry.Caller(AGENT, AwsDemo.vendorIp(random), AGENT_AGENT, null);
    }

    static GcpEntry.Caller agentK8s(DemoRandom random) {
        return new GcpEntry.Caller(AGENT, AwsDemo.vendorIp(random), K8S_AGENT, null);
    }

    static String instanceName(Node node) {
        return "projects/" + PROJECT + "/zones/" + node.zone() + "/instances/" + node.name();
    }

    static ObjectNode clusterResource() {
        return obj("project_id", PROJECT, "location", REGION, "cluster_name", CLUSTER);
    }

    static String operationId(long t, DemoRandom random) {
        return "operation-" + t + "-" + random.hex(13) + "-" + random.hex(8) + "-" + random.hex(8);
    }

    private List<Entry> background() {
        DemoRandom random = new DemoRandom(seed * 47 + 3);
        List<Entry> out = new ArrayList<>();
        reads(random, out);
        for (int i = 0; i < 10; i++) {
            pool.add(newNode(random, random.chance(0.6)));
        }
        scaling(random, out);
        nodePoolResizes(random, out);
        new GcpOthers(new DemoRandom(seed * 59 + 11)).addTo(out);
        return out;
    }

    private static void reads(DemoRandom random, List<Entry> out) {
        for (int m = 0; m < 24 * 60; m++) {
            long t = DAY_START_MS + m * MINUTE + 5 * SECOND + random.below(50 * SECOND);
            out.add(listInstances(t, agent(random), ZONES.get(m % 3), random));
            if (m % 2 == 0) {
                out.add(GcpEntry.of(t + 2 * SECOND, agent(random), "container.googleapis.com",
                                "google.container.v1.ClusterManager.GetCluster", CLUSTER_NAME)
                        .dataAccess().resource("gke_cluster", clusterResource())
                        .permission("container.clusters.get").location(REGION)
                        .request(obj("@type", "type.googleapis.com/google.container.v1.GetClusterRequest",
                                "name", CLUSTER_NAME))
                        .build(random));
            }
            if (m % 10 == 7) {
                out.add(GcpEntry.of(t + 3 * SECOND, agent(random), "container.googleapis.com",
                                "google.container.v1.ClusterManager.ListNodePools", CLUSTER_NAME)
                        .dataAccess().resource("gke_cluster", clusterResource())
                        .permission("container.clusters.get").location(REGION)
                        .request(obj("@type", "type.googleapis.com/google.container.v1.ListNodePoolsRequest",
                                "parent", CLUSTER_NAME))
                        .build(random));
            }
            if (m % 60 >= 13 && m % 60 <= 15) {
                String zone = ZONES.get(m % 60 - 13);
                out.add(GcpEntry.of(t, agent(random), "compute.googleapis.com", "v1.compute.machineTypes.list",
                                "projects/" + PROJECT + "/zones/" + zone + "/machineTypes")
                        .dataAccess().resource("gce_zone", obj("project_id", PROJECT, "zone", zone))
                        .permission("compute.machineTypes.list")
                        .request(obj("@type", "type.googleapis.com/compute.machineTypes.list")).build(random));
            }
        }
    }

    static Entry listInstances(long t, GcpEntry.Caller caller, String zone, DemoRandom random) {
        return GcpEntry.of(t, caller, "compute.googleapis.com", "v1.compute.instances.list",
                        "projects/" + PROJECT + "/zones/" + zone + "/instances")
                .dataAccess().resource("gce_instance", obj("instance_id", "", "project_id", PROJECT, "zone", zone))
                .permission("compute.instances.list")
                .request(obj("@type", "type.googleapis.com/compute.instances.list")).build(random);
    }

    Node newNode(DemoRandom random, boolean spot) {
        return new Node("gke-" + CLUSTER + "-cast-" + random.hex(8), random.digits(19), random.pick(ZONES),
                random.pick(MACHINE_TYPES), spot);
    }

    private void scaling(DemoRandom random, List<Entry> out) {
        long capacityErrorAfter = DemoTime.at(8, 30, 0);
        for (int bucket = 0; bucket < 144; bucket++) {
            int hour = bucket / 6;
            long start = DAY_START_MS + bucket * BUCKET;
            if (pool.size() > 5 && random.chance(AwsDemo.terminateProbability(hour) * 0.8)) {
                long t = start + 30 * SECOND + random.below(5 * MINUTE);
                int count = Math.min(random.between(1, 2), pool.size() - 5);
                for (int i = 0; i < count; i++) {
                    Node node = pool.remove(0);
                    t = drain(t, node, random, out) + 20 * SECOND;
                }
            } else if (random.chance(AwsDemo.launchProbability(hour) * 0.8)) {
                long t = start + 30 * SECOND + random.below(6 * MINUTE);
                if (t > capacityErrorAfter) {
                    Node refused = newNode(random, true);
                    out.addAll(insert(t, agent(random), refused, NODE_SA, random, true));
                    capacityErrorAfter = Long.MAX_VALUE;
                    t += 40 * SECOND;
                }
                int count = random.between(1, 3);
                for (int i = 0; i < count; i++) {
                    Node node = newNode(random, random.chance(0.6));
                    out.addAll(insert(t, agent(random), node, NODE_SA, random, false));
                    pool.add(node);
                    t += random.between(4, 9) * SECOND;
                }
            }
        }
    }

    /** instances.insert as Compute logs it: the request, then the operation's end ({@code last}). */
    static List<Entry> insert(long t, GcpEntry.Caller caller, Node node, String serviceAccount, DemoRandom random,
            boolean capacityError) {
        String name = instanceName(node);
        String operation = operationId(t, random);
        ObjectNode resourceLabels = obj("instance_id", node.id(), "project_id", PROJECT, "zone", node.zone());
        ObjectNode scheduling = node.spot()
                ? obj("provisioningModel", "SPOT", "preemptible", true, "automaticRestart", false,
                        "onHostMaintenance", "TERMINATE", "instanceTerminationAction", "DELETE")
                : obj("provisioningModel", "STANDARD", "automaticRestart", true, "onHostMaintenance", "MIGRATE");
        ObjectNode request = obj(
                "@type", "type.googleapis.com/compute.instances.insert",
                "name", node.name(),
                "machineType", "zones/" + node.zone() + "/machineTypes/" + node.type(),
                "scheduling", scheduling,
                "serviceAccounts", arr(obj("email", serviceAccount,
                        "scopes", arr("https://www.googleapis.com/auth/cloud-platform"))),
                "labels", obj("goog-k8s-cluster-name", CLUSTER, "cast-managed-by", "cast-ai",
                        "cast-node-id", random.uuid().substring(0, 8)),
                "disks", arr(obj("boot", true, "autoDelete", true, "initializeParams", obj(
                        "diskSizeGb", "100",
                        "diskType", "zones/" + node.zone() + "/diskTypes/pd-balanced",
                        "sourceImage", "projects/gke-node-images/global/images/gke-1306-gke1234000-cos-113-18244"))),
                "networkInterfaces", arr(obj("subnetwork",
                        "projects/" + PROJECT + "/regions/" + REGION + "/subnetworks/demo-gke-nodes")),
                "metadata", obj("items", arr(
                        obj("key", "cluster-name", "value", CLUSTER),
                        obj("key", "cluster-location", "value", REGION))));
        ObjectNode response = obj(
                "@type", "type.googleapis.com/operation",
                "id", random.digits(19),
                "name", operation,
                "operationType", "insert",
                "progress", "0",
                "status", "RUNNING",
                "targetId", node.id(),
                "targetLink", "https://www.googleapis.com/compute/v1/" + name,
                "user", caller.email(),
                "zone", "https://www.googleapis.com/compute/v1/projects/" + PROJECT + "/zones/" + node.zone(),
                "insertTime", DemoTime.iso(t),
                "startTime", DemoTime.iso(t));
        Entry first = GcpEntry.of(t, caller, "compute.googleapis.com", "v1.compute.instances.insert", name)
                .resource("gce_instance", resourceLabels).permission("compute.instances.create")
                .operation(operation, "compute.googleapis.com", true).location(node.zone())
                .request(request).response(response).build(random);
        GcpEntry end = GcpEntry.of(t + 20 * SECOND + random.below(15 * SECOND), caller, "compute.googleapis.com",
                        "v1.compute.instances.insert", name)
                .resource("gce_instance", resourceLabels.deepCopy())
                .operation(operation, "compute.googleapis.com", false);
        if (capacityError) {
            end.status(8, "The zone 'projects/" + PROJECT + "/zones/" + node.zone() + "' does not have enough"
                    + " resources available to fulfill the request.  '(resource type:compute)'.");
        }
        return List.of(first, end.build(random));
    }

    /** Cordon, evict the node's pods, delete the VM, delete the Kubernetes node. Returns the last timestamp. */
    private static long drain(long t, Node node, DemoRandom random, List<Entry> out) {
        GcpEntry.Caller k8s = agentK8s(random);
        out.add(k8sCall(t, k8s, "io.k8s.core.v1.nodes.patch", "core/v1/nodes/" + node.name(),
                obj("@type", "k8s.io/Patch", "spec", obj("unschedulable", true)), null, random));
        int pods = random.between(2, 5);
        for (int i = 0; i < pods; i++) {
            t += random.between(2, 6) * SECOND;
            String namespace = random.pick(NAMESPACES);
            String pod = random.pick("web", "api", "worker", "cart", "indexer") + "-" + random.hex(9) + "-"
                    + random.alnum(5);
            out.add(evict(t, k8s, namespace, pod, random));
        }
        t += 40 * SECOND + random.below(40 * SECOND);
        out.addAll(deleteInstance(t, agent(random), node, random));
        t += 30 * SECOND;
        out.add(k8sCall(t, k8s, "io.k8s.core.v1.nodes.delete", "core/v1/nodes/" + node.name(),
                obj("@type", "core.k8s.io/v1.DeleteOptions", "apiVersion", "v1", "kind", "DeleteOptions",
                        "propagationPolicy", "Background"),
                obj("@type", "core.k8s.io/v1.Status", "apiVersion", "v1", "kind", "Status", "status", "Success",
                        "details", obj("name", node.name(), "kind", "nodes", "uid", random.uuid())),
                random));
        return t;
    }

    static Entry evict(long t, GcpEntry.Caller caller, String namespace, String pod, DemoRandom random) {
        String resource = "core/v1/namespaces/" + namespace + "/pods/" + pod + "/eviction";
        return k8sCall(t, caller, "io.k8s.core.v1.pods.eviction.create", resource,
                obj("@type", "policy.k8s.io/v1.Eviction", "apiVersion", "policy/v1", "kind", "Eviction",
                        "metadata", obj("name", pod, "namespace", namespace)),
                obj("@type", "core.k8s.io/v1.Status", "apiVersion", "v1", "kind", "Status", "status", "Success",
                        "code", 201),
                random);
    }

    static Entry k8sCall(long t, GcpEntry.Caller caller, String method, String resource, ObjectNode request,
            ObjectNode response, DemoRandom random) {
        return GcpEntry.of(t, caller, "k8s.io", method, resource)
                .resource("k8s_cluster", clusterResource()).permission(method)
                .labels(obj("authorization.k8s.io/decision", "allow",
                        "authorization.k8s.io/reason", "access granted by IAM permissions."))
                .request(request).response(response).build(random);
    }

    static List<Entry> deleteInstance(long t, GcpEntry.Caller caller, Node node, DemoRandom random) {
        String name = instanceName(node);
        String operation = operationId(t, random);
        ObjectNode labels = obj("instance_id", node.id(), "project_id", PROJECT, "zone", node.zone());
        Entry first = GcpEntry.of(t, caller, "compute.googleapis.com", "v1.compute.instances.delete", name)
                .resource("gce_instance", labels).permission("compute.instances.delete")
                .operation(operation, "compute.googleapis.com", true).location(node.zone())
                .request(obj("@type", "type.googleapis.com/compute.instances.delete"))
                .response(obj("@type", "type.googleapis.com/operation", "id", random.digits(19), "name", operation,
                        "operationType", "delete", "progress", "0", "status", "RUNNING", "targetId", node.id(),
                        "user", caller.email()))
                .build(random);
        Entry last = GcpEntry.of(t + 25 * SECOND + random.below(20 * SECOND), caller, "compute.googleapis.com",
                        "v1.compute.instances.delete", name)
                .resource("gce_instance", labels.deepCopy())
                .operation(operation, "compute.googleapis.com", false).build(random);
        return List.of(first, last);
    }

    /** SetNodePoolSize on the GKE-managed system pool a couple of times an hour; GKE then resizes the MIG. */
    private static void nodePoolResizes(DemoRandom random, List<Entry> out) {
        String pool = CLUSTER_NAME + "/nodePools/default-pool";
        ObjectNode labels = obj("cluster_name", CLUSTER, "location", REGION, "nodepool_name", "default-pool",
                "project_id", PROJECT);
        for (int hour = 0; hour < 24; hour++) {
            for (int i = 0; i < 2; i++) {
                long t = DAY_START_MS + hour * HOUR + (i * 30 + random.between(2, 25)) * MINUTE + random.below(MINUTE);
                int size = random.between(2, 4);
                String operation = "operation-" + t + "-" + random.hex(8);
                out.add(GcpEntry.of(t, agent(random), "container.googleapis.com",
                                "google.container.v1.ClusterManager.SetNodePoolSize", pool)
                        .resource("gke_nodepool", labels.deepCopy()).permission("container.clusters.update")
                        .operation(operation, "container.googleapis.com", true).location(REGION)
                        .request(obj("@type", "type.googleapis.com/google.container.v1.SetNodePoolSizeRequest",
                                "name", pool, "nodeCount", size))
                        .response(obj("@type", "type.googleapis.com/google.container.v1.Operation",
                                "name", operation, "operationType", "SET_NODE_POOL_SIZE", "status", "RUNNING",
                                "selfLink", "https://container.googleapis.com/v1/projects/" + GcpEntry.PROJECT_NUMBER
                                        + "/locations/" + REGION + "/operations/" + operation,
                                "targetLink", "https://container.googleapis.com/v1/" + pool,
                                "startTime", DemoTime.iso(t)))
                        .build(random));
                out.add(GcpEntry.of(t + 45 * SECOND, agent(random), "container.googleapis.com",
                                "google.container.v1.ClusterManager.SetNodePoolSize", pool)
                        .resource("gke_nodepool", labels.deepCopy())
                        .operation(operation, "container.googleapis.com", false).build(random));
                out.addAll(GcpOthers.migResize(t + 8 * SECOND, size, random));
            }
        }
    }
}
