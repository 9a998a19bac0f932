package scalewatch.lib.posture_test

import rego.v1

import data.scalewatch.lib.posture

_azure(actions) := {
	"cloud": "azure",
	"identity": "6f1e2c3d-0000-4a5b-9c8d-112233445566",
	"account": "0b1f6471-1bf0-4dda-aec3-cb9272f09590",
	"grants": [{
		"effect": "Allow", "actions": actions, "not_actions": [], "resources": ["/subscriptions/0b1f6471"],
		"conditions": {}, "source": "/subscriptions/0b1f6471/providers/Microsoft.Authorization/roleAssignments/1",
		"role": "Owner",
	}],
}

test_allows_star_covers_dotted_azure_permission if {
	posture.allows(_azure(["*"]), "Microsoft.Authorization/roleAssignments/write")
}

test_allows_provider_wildcard_crosses_dotted_api_group if {
	permission := "Microsoft.ContainerService/managedClusters/rbac.authorization.k8s.io/clusterrolebindings/write"
	posture.allows(_azure(["Microsoft.ContainerService/*"]), permission)
}

test_allows_wildcard_stays_within_its_prefix if {
	not posture.allows(_azure(["Microsoft.Compute/*"]), "Microsoft.Authorization/roleAssignments/write")
}
