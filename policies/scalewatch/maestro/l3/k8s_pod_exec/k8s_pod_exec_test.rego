package scalewatch.maestro.l3.k8s_pod_exec_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l3.k8s_pod_exec as rule

_event(cloud, action, uid) := {
	"time_ms": 1646409709978,
	"cloud": cloud,
	"actor": {"principal": "castai-gke-tf-1a2b@demo-project.iam.gserviceaccount.com", "type": "ServiceAccount"},
	"api": {"service": "k8s.io", "action": action, "operation": action},
	"src_endpoint": {"ip": "88.88.88.88", "user_agent": "kubectl/v1.30.2 (linux/amd64) kubernetes/6575935"},
	"resources": [{"type": "k8s_cluster", "uid": uid}],
	"status": "success",
	"metadata": {"uid": concat("-", ["e", action])},
}

_gcp := {"provider": "gcp", "account": "demo-project", "region": "us-central1"}

_azure := {"provider": "azure", "account": "0b1f6471-1bf0-4dda-aec3-cb9272f09590", "region": "eastus"}

_gke_exec := _event(_gcp, "io.k8s.core.v1.pods.exec.create", "core/v1/namespaces/payments/pods/api-7d9f8-x2x1z/exec")

_aks_exec_get := _event(_azure, "k8s.pods.exec.get", "namespaces/default/pods/nginx-pod/exec")

test_findings_gke_exec if {
	findings := rule.findings with input.events as [_gke_exec]
	test.assert_rule(findings, "SW-L3-002")
	test.assert_count(findings, 1)
	some f in findings
	f.resource == "gcp/demo-project/us-central1/core/v1/namespaces/payments/pods/api-7d9f8-x2x1z/exec"
}

test_findings_aks_exec_over_websocket_get if {
	findings := rule.findings with input.events as [_aks_exec_get]
	some f in findings
	f.resource == "azure/0b1f6471-1bf0-4dda-aec3-cb9272f09590/eastus/namespaces/default/pods/nginx-pod/exec"
}

test_findings_port_forward_and_attach if {
	forward := _event(_gcp, "io.k8s.core.v1.pods.portforward.create", "core/v1/namespaces/db/pods/pg-0/portforward")
	attach := _event(_azure, "k8s.pods.attach.create", "namespaces/db/pods/pg-0/attach")
	test.assert_count(rule.findings, 2) with input.events as [forward, attach]
}

test_findings_denied_exec_is_reported if {
	findings := rule.findings with input.events as [object.union(_gke_exec, {"status": "failure"})]
	some f in findings
	startswith(f.detail, "tried (failed)")
}

test_no_findings_drain if {
	pod := "core/v1/namespaces/payments/pods/api-7d9f8-x2x1z"
	evict := _event(_gcp, "io.k8s.core.v1.pods.eviction.create", concat("/", [pod, "eviction"]))
	logs := _event(_gcp, "io.k8s.core.v1.pods.log.get", concat("/", [pod, "log"]))
	test.assert_empty(rule.findings) with input.events as [evict, logs]
}

test_no_findings_in_progress if {
	test.assert_empty(rule.findings) with input.events as [object.union(_aks_exec_get, {"status": "in_progress"})]
}

test_findings_missing_resources if {
	bare := object.remove(_gke_exec, ["resources", "status"])
	findings := rule.findings with input.events as [bare]
	some f in findings
	f.resource == "gcp/demo-project/us-central1/io.k8s.core.v1.pods.exec.create"
}
