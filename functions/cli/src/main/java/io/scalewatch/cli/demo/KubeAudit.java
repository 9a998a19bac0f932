package io.scalewatch.cli.demo;

import static io.scalewatch.cli.demo.Json.arr;
import static io.scalewatch.cli.demo.Json.obj;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/**
 * AKS {@code kube-audit} resource-log records: the Kubernetes audit event (audit.k8s.io/v1) is a JSON string in
 * {@code properties.log}, as AKS diagnostic settings deliver it.
 */
final class KubeAudit {
    static final String CLUSTER_ID =
            AzureActivity.id("rg-aks-demo", "Microsoft.ContainerService/managedClusters/demo-aks");
    private static final List<String> API_SERVERS = List.of("kube-apiserver-6c7f9d8b5-x2kqp",
            "kube-apiserver-6c7f9d8b5-m8vtn");
    private static final List<String> CONTAINERS = List.of(
            "3f9c1e7a2b4d6c8e0f1a3b5c7d9e1f2a4b6c8d0e2f4a6b8c0d2e4f6a8b0c2d4e",
            "8b0c2d4e6f8a0b2c4d6e8f0a2b4c6d8e0f2a4b6c8d0e2f4a6b8c0d2e4f6a8b0c");

    /** The Kubernetes identity and client of a call. */
    record User(String username, List<String> groups, ObjectNode extra, String ip, String userAgent) {
    }

    private KubeAudit() {
    }

    /**
     * One audit event at stage ResponseComplete.
     *
     * @param objectRef {@code resource}, {@code namespace}, {@code name}, {@code subresource} as Kubernetes names them
     */
    static Entry event(long t, User user, String verb, String requestUri, ObjectNode objectRef, int code,
            DemoRandom random) {
        return event(t, user, verb, requestUri, objectRef, code, null, null, random);
    }

    /**
     * One audit event at stage ResponseComplete; with a request object it is logged at level RequestResponse,
     * as audit policies do for resources whose content matters (RBAC, certificates, webhooks).
     */
    static Entry event(long t, User user, String verb, String requestUri, ObjectNode objectRef, int code,
            ObjectNode requestObject, ObjectNode responseObject, DemoRandom random) {
        ObjectNode userNode = obj("username", user.username(), "groups", Json.arrOf(user.groups()));
        if (user.extra() != null) {
            userNode.set("extra", user.extra());
        }
        long done = t + 3 + random.below(40);
        ObjectNode audit = obj(
                "kind", "Event",
                "apiVersion", "audit.k8s.io/v1",
                "level", "Metadata",
                "auditID", random.uuid(),
                "stage", "ResponseComplete",
                "requestURI", requestUri,
                "verb", verb,
                "user", userNode,
                "sourceIPs", arr(user.ip()),
                "userAgent", user.userAgent(),
                "objectRef", objectRef,
                "responseStatus", obj("metadata", obj(), "code", code),
                "requestReceivedTimestamp", DemoTime.isoMicros(t, random.between(0, 999)),
                "stageTimestamp", DemoTime.isoMicros(done, random.between(0, 999)),
                "annotations", obj("authorization.k8s.io/decision", "allow", "authorization.k8s.io/reason", ""));
        if (requestObject != null) {
            audit.put("level", "RequestResponse");
            audit.set("requestObject", requestObject);
            audit.set("responseObject", responseObject);
        }
        int server = random.between(0, 1);
        ObjectNode record = obj(
                "time", DemoTime.isoAzure(done, random.between(0, 9999)),
                "resourceId", CLUSTER_ID.toUpperCase(Locale.ROOT),
                "category", "kube-audit",
                "operationName", "Microsoft.ContainerService/managedClusters/diagnosticLogs/Read",
                "properties", obj(
                        "log", Json.text(audit),
                        "stream", "stdout",
                        "pod", API_SERVERS.get(server),
                        "containerID", CONTAINERS.get(server)));
        return new Entry(t, record);
    }

    static ObjectNode ref(String resource, String namespace, String name, String subresource) {
        ObjectNode ref = obj("resource", resource);
        if (namespace != null) {
            ref.put("namespace", namespace);
        }
        if (name != null) {
            ref.put("name", name);
        }
        ref.put("apiVersion", "v1");
        if (subresource != null) {
            ref.put("subresource", subresource);
        }
        return ref;
    }
}
