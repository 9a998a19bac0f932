package scalewatch.maestro.l3.k8s_admission_or_csr_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l3.k8s_admission_or_csr as rule

_gcp := {"provider": "gcp", "account": "demo-project", "region": "us-central1"}

_azure := {"provider": "azure", "account": "0b1f6471-1bf0-4dda-aec3-cb9272f09590", "region": "eastus"}

_event(cloud, action, request, uid) := {
	"time_ms": 1732540000000,
	"cloud": cloud,
	"actor": {"principal": "castai-gke-tf-1a2b@demo-project.iam.gserviceaccount.com", "type": "ServiceAccount"},
	"api": {"service": "k8s.io", "action": action, "operation": action, "request": request},
	"resources": [{"type": "k8s_cluster", "uid": uid}],
	"status": "success",
	"metadata": {"uid": concat("-", ["e", action])},
}

_mutating := _event(
	_gcp, "io.k8s.admissionregistration.v1.mutatingwebhookconfigurations.create",
	{
		"kind": "MutatingWebhookConfiguration", "metadata": {"name": "sidecar-injector"},
		"webhooks": [{"name": "inject.evil.example", "clientConfig": {"url": "https://203.0.113.9/mutate"}}],
	},
	"admissionregistration.k8s.io/v1/mutatingwebhookconfigurations/sidecar-injector",
)

_aks_validating_delete := _event(
	_azure, "k8s.validatingwebhookconfigurations.delete", {},
	"validatingwebhookconfigurations/gatekeeper-validating-webhook-configuration",
)

_csr(signer, groups, condition) := _event(
	_gcp, "io.k8s.certificates.v1.certificatesigningrequests.approval.update",
	{
		"kind": "CertificateSigningRequest", "metadata": {"name": "csr-7x2kq"},
		"spec": {"signerName": signer, "groups": groups, "usages": ["client auth"]},
		"status": {"conditions": [{"type": condition, "status": "True", "reason": "AutoApproved"}]},
	},
	"certificates.k8s.io/v1/certificatesigningrequests/csr-7x2kq/approval",
)

_admin_csr := _csr("kubernetes.io/kube-apiserver-client", ["system:masters", "system:authenticated"], "Approved")

_kubelet_csr := _csr("kubernetes.io/kubelet-serving", ["system:nodes", "system:authenticated"], "Approved")

test_findings_gke_mutating_webhook_created if {
	findings := rule.findings with input.events as [_mutating]
	test.assert_rule(findings, "SW-L3-003")
	test.assert_count(findings, 1)
	some f in findings
	f.resource == concat("/", [
		"gcp/demo-project/us-central1",
		"admissionregistration.k8s.io/v1/mutatingwebhookconfigurations/sidecar-injector",
	])
	endswith(f.detail, " on sidecar-injector")
}

test_findings_aks_validating_webhook_deleted if {
	findings := rule.findings with input.events as [_aks_validating_delete]
	some f in findings
	endswith(f.detail, " on validatingwebhookconfigurations/gatekeeper-validating-webhook-configuration")
}

test_findings_admin_client_csr_approved_even_for_castai if {
	findings := rule.findings with input.events as [_admin_csr]
		with input.agent_profile as {"id": "castai"}
	some f in findings
	f.detail == concat("", [
		"called approval of CSR csr-7x2kq for kubernetes.io/kube-apiserver-client",
		" with groups system:masters, system:authenticated",
	])
}

test_findings_aks_csr_approval if {
	aks := {"cloud": _azure, "api": {"action": "k8s.certificatesigningrequests.approval.update"}}
	event := object.union(_admin_csr, aks)
	test.assert_count(rule.findings, 1) with input.events as [event]
}

test_findings_kubelet_csr_without_profile if {
	test.assert_count(rule.findings, 1) with input.events as [_kubelet_csr]
}

test_no_findings_castai_kubelet_csr if {
	test.assert_empty(rule.findings) with input.events as [_kubelet_csr]
		with input.agent_profile as {"id": "castai"}
}

test_no_findings_csr_denied if {
	denied := _csr("kubernetes.io/kube-apiserver-client", ["system:masters"], "Denied")
	test.assert_empty(rule.findings) with input.events as [denied]
}

test_no_findings_allowed_webhook if {
	own := _event(
		_gcp, "io.k8s.admissionregistration.v1.validatingwebhookconfigurations.update", {},
		"admissionregistration.k8s.io/v1/validatingwebhookconfigurations/validation.webhook.karpenter.sh",
	)
	test.assert_empty(rule.findings) with input.events as [own]
		with input.config as {"k8s_admission": {"allowed_webhook_configurations": ["*.karpenter.sh"]}}
}

test_no_findings_in_progress_or_csr_create if {
	create := _event(
		_gcp, "io.k8s.certificates.v1.certificatesigningrequests.create", {},
		"certificates.k8s.io/v1/certificatesigningrequests/x",
	)
	started := object.union(_mutating, {"status": "in_progress"})
	test.assert_empty(rule.findings) with input.events as [create, started]
}

test_findings_csr_approval_without_request if {
	bare := json.remove(_kubelet_csr, ["api/request", "status"])
	findings := rule.findings with input.events as [bare] with input.agent_profile as {"id": "castai"}
	some f in findings
	f.detail == concat("", [
		"called approval of CSR certificates.k8s.io/v1/certificatesigningrequests/csr-7x2kq/approval",
		" for unknown signer",
	])
}

test_findings_failed_webhook_change if {
	findings := rule.findings with input.events as [object.union(_mutating, {"status": "failure"})]
	some f in findings
	startswith(f.detail, "tried (failed)")
}

test_findings_aks_webhook_written_through_arm if {
	action := "microsoft.containerservice/managedclusters/admissionregistration.k8s.io/mutatingwebhookconfigurations/write"
	event := _event(_azure, action, {}, "mutatingwebhookconfigurations/injector")
	findings := rule.findings with input.events as [event]
	test.assert_rule(findings, "SW-L3-003")
	test.assert_count(findings, 1)
}
