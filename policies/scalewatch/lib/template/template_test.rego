package scalewatch.lib.template_test

import rego.v1

import data.scalewatch.lib.template

_fields := {"boot_script": ["userdata"], "image": ["imageid", "sourceimage", "imagereference"], "identity": []}

test_gcp_ref_url_relative_and_regional_forms if {
	url := "https://www.googleapis.com/compute/v1/projects/p/global/instanceTemplates/t1"
	template.gcp_ref(url) == "global/instanceTemplates/t1"
	template.gcp_ref("global/instanceTemplates/t1") == "global/instanceTemplates/t1"
	template.gcp_ref("projects/p/regions/us-east1/instanceTemplates/t2") == "regions/us-east1/instanceTemplates/t2"
	not template.gcp_ref("projects/p/zones/us-east1-b/instanceGroupManagers/g")
}

test_azure_ref_scale_set_and_its_vm if {
	vmss := "/subscriptions/s/resourceGroups/RG/providers/Microsoft.Compute/virtualMachineScaleSets/Pool"
	template.azure_ref(vmss) == lower(vmss)
	template.azure_ref(concat("", [vmss, "/virtualMachines/3"])) == lower(vmss)
	not template.azure_ref("/subscriptions/s/resourceGroups/RG/providers/Microsoft.Compute/virtualMachines/vm1")
}

_azure_change(reference) := {
	"cloud": {"provider": "azure", "account": "s", "region": "westeurope"},
	"api": {
		"action": "microsoft.compute/virtualmachinescalesets/write",
		"request": {"requestbody": {"properties": {"virtualMachineProfile": _profile(reference)}}},
	},
	"resources": [{"uid": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachineScaleSets/p"}],
}

_profile(reference) := {"storageProfile": {"imageReference": reference}}

test_changes_azure_gallery_image_ids_lower_cased if {
	some shared in template.changes(_azure_change({"sharedGalleryImageId": "/SharedGalleries/G/images/I"}), _fields, set())
	shared.images == {"/sharedgalleries/g/images/i"}
	community_event := _azure_change({"communityGalleryImageId": "/CommunityGalleries/C/images/I"})
	some community in template.changes(community_event, _fields, set())
	community.images == {"/communitygalleries/c/images/i"}
}

test_changes_unreadable_image_still_counts if {
	event := {
		"cloud": {"provider": "gcp", "account": "p", "region": "global"},
		"api": {
			"action": "compute.instanceTemplates.insert",
			"request": {"properties": {"disks": [{"initializeParams": {"sourceImage": 42}}]}},
		},
		"resources": [{"uid": "projects/p/global/instanceTemplates/t"}],
	}
	some change in template.changes(event, _fields, set())
	change.images == {"an unreadable image reference"}
	change.what == {"image"}
}

test_uses_launch_without_version_is_any_version if {
	event := {
		"cloud": {"provider": "aws", "account": "1", "region": "us-east-1"},
		"api": {"action": "ec2:RunInstances", "request": {"launchTemplate": {"launchTemplateName": "pool"}}},
	}
	template.uses(event) == {{"region": "us-east-1", "ref": "pool", "version": ""}}
}
