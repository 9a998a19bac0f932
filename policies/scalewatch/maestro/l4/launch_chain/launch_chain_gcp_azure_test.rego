package scalewatch.maestro.l4.launch_chain_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l4.launch_chain as rule

# --- GCP ---

_gcp_cloud := {"provider": "gcp", "account": "prod-gke-7731", "region": "global"}

_gcp_event(uid, dt, action, region, request, resource) := {
	"time_ms": _t0 + dt,
	"cloud": object.union(_gcp_cloud, {"region": region}),
	"api": {"service": "compute.googleapis.com", "action": action, "request": request},
	"resources": [{"type": "gce_instance_template", "uid": resource}],
	"status": "success",
	"metadata": {"uid": uid},
}

_template_request(properties) := {
	"name": "gke-pool-7f2c",
	"properties": object.union({"machineType": "e2-standard-8"}, properties),
}

_template_insert(uid, properties) := _gcp_event(
	uid, 0, "compute.instanceTemplates.insert", "global", _template_request(properties),
	"projects/prod-gke-7731/global/instanceTemplates/gke-pool-7f2c",
)

_set_template(uid) := _gcp_event(
	uid, 120000, "compute.instanceGroupManagers.setInstanceTemplate", "us-central1",
	{"instanceTemplate": concat("", [_compute_url, "projects/prod-gke-7731/global/instanceTemplates/gke-pool-7f2c"])},
	"projects/prod-gke-7731/zones/us-central1-a/instanceGroupManagers/gke-pool-grp",
)

_compute_url := "https://www.googleapis.com/compute/v1/"

_boot_disk(image) := {"disks": [{"boot": true, "initializeParams": {"sourceImage": image}}]}

_startup := {"metadata": {"items": [{"key": "startup-script", "value": _redacted}]}}

test_gcp_startup_script_template_then_set_instance_template_fires_high if {
	s22 := rule.stats with input.events as [_template_insert("c-1", _startup), _set_template("l-1")]
	fs22 := rule.findings with input.stats as s22
	f := _only(fs22)
	f.severity == "HIGH"
	f.resource == "global/instanceTemplates/gke-pool-7f2c"
	f.cloud == _gcp_cloud
	f.evidence.event_ids == ["c-1", "l-1"]
}

test_gcp_foreign_image_for_castai_fires_high if {
	image := _boot_disk("projects/img-drop-4821/global/images/node-v2")
	s23 := rule.stats with input.events as [_template_insert("c-1", image), _set_template("l-1")]
		with input.agent_profile as _castai
	fs23 := rule.findings with input.stats as s23 with input.agent_profile as _castai
	f := _only(fs23)
	f.severity == "HIGH"
	contains(f.detail, "names an image outside launch_chain.allowed_image_sources")
}

test_gcp_public_and_own_images_for_castai_silent if {
	cos := _boot_disk(concat("", [_compute_url, "projects/cos-cloud/global/images/cos-113"]))
	own := object.union(
		_boot_disk("global/images/castai-node-1"),
		{"serviceAccounts": [{"email": "node@prod-gke-7731.iam.gserviceaccount.com"}]},
	)
	s24 := rule.stats with input.events as [_template_insert("c-1", cos), _set_template("l-1")]
		with input.agent_profile as _castai
	fs24 := rule.findings with input.stats as s24 with input.agent_profile as _castai
	test.assert_empty(fs24)
	s25 := rule.stats with input.events as [_template_insert("c-1", own), _set_template("l-1")]
		with input.agent_profile as _castai
	fs25 := rule.findings with input.stats as s25 with input.agent_profile as _castai
	test.assert_empty(fs25)
}

test_gcp_service_account_only_default_profile_base_grade if {
	sa := {"serviceAccounts": [{
		"email": "ops-admin@prod-gke-7731.iam.gserviceaccount.com",
		"scopes": ["https://www.googleapis.com/auth/cloud-platform"],
	}]}
	s26 := rule.stats with input.events as [_template_insert("c-1", sa), _set_template("l-1")]
	fs26 := rule.findings with input.stats as s26
	f := _only(fs26)
	f.severity == "MEDIUM"
}

test_gcp_labels_only_template_silent if {
	s27 := rule.stats with input.events as [_template_insert("c-1", {"labels": {"pool": "default"}}), _set_template("l-1")]
	fs27 := rule.findings with input.stats as s27
	test.assert_empty(fs27)
}

# The last entry of a compute operation carries no request: it completes the change the first entry logged.
test_gcp_operation_last_entry_is_no_change if {
	last := object.remove(_template_insert("c-2", {}), ["api"])
	evs := [object.union(last, {"api": {"action": "compute.instanceTemplates.insert"}}), _set_template("l-1")]
	s := rule.stats with input.events as evs
	s.l4_template_changes == {}
	test.assert_empty(rule.findings) with input.stats as s
}

test_gcp_template_without_use_silent if {
	s28 := rule.stats with input.events as [_template_insert("c-1", _startup)]
	fs28 := rule.findings with input.stats as s28
	test.assert_empty(fs28)
}

test_gcp_bulk_insert_with_source_template_fires if {
	bulk := _gcp_event(
		"l-1", 60000, "compute.instances.bulkInsert", "us-central1", {
			"count": "3",
			"sourceInstanceTemplate": "projects/prod-gke-7731/global/instanceTemplates/gke-pool-7f2c",
		},
		"projects/prod-gke-7731/zones/us-central1-a/instances/gke-pool-x",
	)
	s29 := rule.stats with input.events as [_template_insert("c-1", _startup), bulk]
	fs29 := rule.findings with input.stats as s29
	test.assert_count(fs29, 1)
}

test_gcp_regional_template_ref if {
	change := _gcp_event(
		"c-1", 0, "compute.regionInstanceTemplates.insert", "europe-west4", _template_request(_startup),
		"projects/prod-gke-7731/regions/europe-west4/instanceTemplates/gke-pool-7f2c",
	)
	mig := _gcp_event(
		"l-1", 1, "compute.regionInstanceGroupManagers.insert", "europe-west4", {
			"name": "pool",
			"versions": [{"instanceTemplate": "regions/europe-west4/instanceTemplates/gke-pool-7f2c"}],
		},
		"projects/prod-gke-7731/regions/europe-west4/instanceGroupManagers/pool",
	)
	s30 := rule.stats with input.events as [change, mig]
	fs30 := rule.findings with input.stats as s30
	f := _only(fs30)
	f.resource == "regions/europe-west4/instanceTemplates/gke-pool-7f2c"
	f.cloud.region == "europe-west4"
}

# --- Azure ---

_rg := "/subscriptions/7f3e2d1c-0000-4000-8000-00000000a1b2/resourceGroups/MC_prod_aks_westeurope"

_vmss := concat("", [_rg, "/providers/Microsoft.Compute/virtualMachineScaleSets/aks-default-3141-vmss"])

_azure_event(uid, dt, action, status, body, resource) := {
	"time_ms": _t0 + dt,
	"cloud": {"provider": "azure", "account": "7f3e2d1c-0000-4000-8000-00000000a1b2", "region": "westeurope"},
	"api": {"service": "Microsoft.Compute", "action": action, "request": {"requestbody": body}},
	"resources": [{"type": "microsoft.compute/virtualmachinescalesets", "uid": resource}],
	"status": status,
	"metadata": {"uid": uid},
}

_vmss_write(uid, dt, body) := _azure_event(
	uid, dt, "microsoft.compute/virtualmachinescalesets/write",
	"in_progress", body, _vmss,
)

_gallery_image := "/providers/Microsoft.Compute/galleries/g/images/node/versions/1.0.0"

_model(profile) := {"location": "westeurope", "properties": {"virtualMachineProfile": profile}}

_scale_out(uid) := _vmss_write(uid, 300000, {"sku": {"name": "Standard_D8s_v5", "capacity": 5}})

test_azure_custom_data_model_then_scale_out_fires_high if {
	change := _vmss_write("c-1", 0, _model({"osProfile": {"customData": _redacted}}))
	s31 := rule.stats with input.events as [change, _scale_out("l-1")]
	fs31 := rule.findings with input.stats as s31
	f := _only(fs31)
	f.severity == "HIGH"
	f.resource == lower(_vmss)
	f.evidence.event_ids == ["c-1", "l-1"]
}

test_azure_foreign_gallery_image_for_castai_fires_high if {
	gallery := "/subscriptions/0bad0bad-1111-4222-8333-944455556666/resourceGroups/imgs"
	image := {"storageProfile": {"imageReference": {"id": concat("", [gallery, _gallery_image])}}}
	s32 := rule.stats with input.events as [_vmss_write("c-1", 0, _model(image)), _scale_out("l-1")]
		with input.agent_profile as _castai
	fs32 := rule.findings with input.stats as s32 with input.agent_profile as _castai
	f := _only(fs32)
	f.severity == "HIGH"
}

test_azure_marketplace_image_for_castai_silent if {
	image := {"storageProfile": {"imageReference": {
		"publisher": "Canonical", "offer": "ubuntu-24_04-lts",
		"sku": "server", "version": "latest",
	}}}
	s33 := rule.stats with input.events as [_vmss_write("c-1", 0, _model(image)), _scale_out("l-1")]
		with input.agent_profile as _castai
	fs33 := rule.findings with input.stats as s33 with input.agent_profile as _castai
	test.assert_empty(fs33)
}

test_azure_identity_change_default_profile_base_grade if {
	ops := concat("", [_rg, "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/ops"])
	body := object.union(_model({}), {"identity": {"type": "UserAssigned", "userAssignedIdentities": {ops: {}}}})
	s34 := rule.stats with input.events as [_vmss_write("c-1", 0, body), _scale_out("l-1")]
	fs34 := rule.findings with input.stats as s34
	f := _only(fs34)
	f.severity == "MEDIUM"
}

test_azure_scale_out_of_unchanged_model_silent if {
	success := _azure_event("s-1", 1000, "microsoft.compute/virtualmachinescalesets/write", "success", {}, _vmss)
	s35 := rule.stats with input.events as [_scale_out("l-1"), success]
	fs35 := rule.findings with input.stats as s35
	test.assert_empty(fs35)
}

test_azure_model_change_without_scale_out_silent if {
	s36 := rule.stats with input.events as [_vmss_write("c-1", 0, _model({"osProfile": {"customData": _redacted}}))]
	fs36 := rule.findings with input.stats as s36
	test.assert_empty(fs36)
}

test_azure_vm_placed_in_scale_set_counts_as_launch if {
	vm := _azure_event(
		"l-1", 1000, "microsoft.compute/virtualmachines/write", "in_progress", {"properties": {
			"hardwareProfile": {"vmSize": "Standard_D8s_v5"},
			"virtualMachineScaleSet": {"id": _vmss},
		}},
		concat("", [_rg, "/providers/Microsoft.Compute/virtualMachines/flex-1"]),
	)
	change := _vmss_write("c-1", 0, _model({"userData": _redacted}))
	s37 := rule.stats with input.events as [change, vm]
	fs37 := rule.findings with input.stats as s37
	test.assert_count(fs37, 1)
}
