package io.scalewatch.cli.demo;

import static io.scalewatch.cli.demo.DemoTime.DAY_START_MS;
import static io.scalewatch.cli.demo.DemoTime.HOUR;
import static io.scalewatch.cli.demo.DemoTime.MINUTE;
import static io.scalewatch.cli.demo.DemoTime.SECOND;
import static io.scalewatch.cli.demo.GcpEntry.PROJECT;
import static io.scalewatch.cli.demo.Json.obj;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * GCP background of principals other than the agent: GKE's service agent resizing the node-pool MIG, Kubernetes
 * controllers rescheduling pods, an engineer, and the CI deployer. Outside the identity filter.
 */
final class GcpOthers {
    static final String GKE_ROBOT =
            "service-" + GcpEntry.PROJECT_NUMBER + "@container-engine-robot.iam.gserviceaccount.com";
    private static final String ENGINEER = "maria.lopez@demo-corp.example";
    private static final String DEPLOYER = "github-deployer@" + PROJECT + ".iam.gserviceaccount.com";
    private static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/131.0.0.0 Safari/537.36,gzip(gfe)";
    private static final String MIG = "gke-demo-gke-default-pool-7d2c9e1a-grp";

    private final DemoRandom random;

    GcpOthers(DemoRandom random) {
        this.random = random;
    }

    /** The MIG resize GKE performs after a SetNodePoolSize, as its service agent. */
    static List<Entry> migResize(long t, int size, DemoRandom random) {
        GcpEntry.Caller robot = new GcpEntry.Caller(GKE_ROBOT, "private", "GCE Managed Instance Group for GKE", null);
        String zone = "us-central1-a";
        String name = "projects/" + PROJECT + "/zones/" + zone + "/instanceGroupManagers/" + MIG;
        String operation = GcpDemo.operationId(t, random);
        ObjectNode labels = obj("instance_group_manager_id", "5830912746109283746", "instance_group_manager_name", MIG,
                "location", zone, "project_id", PROJECT);
        Entry first = GcpEntry.of(t, robot, "compute.googleapis.com", "v1.compute.instanceGroupManagers.resize", name)
                .resource("gce_instance_group_manager", labels).permission("compute.instanceGroupManagers.update")
                .operation(operation, "compute.googleapis.com", true).location(zone)
                .request(obj("@type", "type.googleapis.com/compute.instanceGroupManagers.resize", "size", size))
                .response(obj("@type", "type.googleapis.com/operation", "name", operation, "operationType",
                        "compute.instanceGroupManagers.resize", "status", "RUNNING", "user", GKE_ROBOT))
                .build(random);
        Entry last = GcpEntry.of(t + 6 * SECOND, robot, "compute.googleapis.com",
                        "v1.compute.instanceGroupManagers.resize", name)
                .resource("gce_instance_group_manager", labels.deepCopy())
                .operation(operation, "compute.googleapis.com", false).build(random);
        return List.of(first, last);
    }

    void addTo(List<Entry> out) {
        controllers(out);
        engineer(out);
        deployments(out);
    }

    /** Pods recreated by the ReplicaSet controller and bound by the scheduler. */
    private void controllers(List<Entry> out) {
        GcpEntry.Caller replicaSets = new GcpEntry.Caller("system:serviceaccount:kube-system:replicaset-controller",
                "::1", "kube-controller-manager/v1.30.5 (linux/amd64) kubernetes/2c5ec59/system:serviceaccount:"
                        + "kube-system:replicaset-controller", null);
        GcpEntry.Caller scheduler = new GcpEntry.Caller("system:kube-scheduler", "::1",
                "kube-scheduler/v1.30.5 (linux/amd64) kubernetes/2c5ec59/scheduler", null);
        for (int i = 0; i < 170; i++) {
            long t = DAY_START_MS + random.below(DemoTime.DAY - MINUTE);
            String namespace = random.pick(GcpDemo.NAMESPACES);
            String pod = random.pick("web", "api", "worker", "cart") + "-" + random.hex(9) + "-" + random.alnum(5);
            out.add(GcpDemo.k8sCall(t, replicaSets, "io.k8s.core.v1.pods.create",
                    "core/v1/namespaces/" + namespace + "/pods/" + pod,
                    obj("@type", "core.k8s.io/v1.Pod", "apiVersion", "v1", "kind", "Pod",
                            "metadata", obj("name", pod, "namespace", namespace)),
                    null, random));
            out.add(GcpDemo.k8sCall(t + 300, scheduler, "io.k8s.core.v1.pods.binding.create",
                    "core/v1/namespaces/" + namespace + "/pods/" + pod + "/binding",
                    obj("@type", "core.k8s.io/v1.Binding", "apiVersion", "v1", "kind", "Binding",
                            "target", obj("kind", "Node",
                                    "name", "gke-demo-gke-default-pool-7d2c9e1a-" + random.alnum(4))),
                    null, random));
        }
    }

    private void engineer(List<Entry> out) {
        for (int hour = 8; hour < 18; hour++) {
            GcpEntry.Caller caller =
                    new GcpEntry.Caller(ENGINEER, "62.210.44." + random.between(10, 40), BROWSER, null);
            int views = random.between(3, 8);
            long t = DAY_START_MS + hour * HOUR + random.below(30 * MINUTE);
            for (int i = 0; i < views; i++) {
                t += random.between(15, 120) * SECOND;
                if (random.chance(0.5)) {
                    out.add(GcpDemo.listInstances(t, caller, random.pick(GcpDemo.ZONES), random));
                } else {
                    out.add(GcpEntry.of(t, caller, "container.googleapis.com",
                                    "google.container.v1.ClusterManager.GetCluster", GcpDemo.CLUSTER_NAME)
                            .dataAccess().resource("gke_cluster", GcpDemo.clusterResource())
                            .permission("container.clusters.get").location(GcpDemo.REGION).build(random));
                }
            }
        }
    }

    private void deployments(List<Entry> out) {
        for (int i = 0; i < 5; i++) {
            long t = DemoTime.at(9 + 2 * i, random.between(3, 55), random.between(5, 55));
            GcpEntry.Caller caller = new GcpEntry.Caller(DEPLOYER, "4.148." + random.between(0, 255) + "."
                    + random.between(1, 254), "kubectl/v1.30.5 (linux/amd64) kubernetes/2c5ec59", null);
            out.add(GcpEntry.of(t, caller, "container.googleapis.com", "google.container.v1.ClusterManager.GetCluster",
                            GcpDemo.CLUSTER_NAME)
                    .dataAccess().resource("gke_cluster", GcpDemo.clusterResource())
                    .permission("container.clusters.get").location(GcpDemo.REGION).build(random));
            String deployment = random.pick("web", "api", "cart");
            out.add(GcpDemo.k8sCall(t + 20 * SECOND, caller, "io.k8s.apps.v1.deployments.patch",
                    "apps/v1/namespaces/shop/deployments/" + deployment,
                    obj("@type", "k8s.io/Patch", "spec", obj("template", obj("spec", obj("containers",
                            Json.arr(obj("name", deployment, "image",
                                    "us-central1-docker.pkg.dev/" + PROJECT + "/shop/" + deployment + ":sha-"
                                            + random.hex(7))))))),
                    null, random));
        }
    }
}
