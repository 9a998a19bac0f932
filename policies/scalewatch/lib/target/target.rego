# METADATA
# title: What an event acted on
# description: >-
#   Names the object a call touched (a model id, a secret, a Kubernetes object, a bucket) from the
#   request fields each cloud uses, falling back to the event's resources and then to the action, so a
#   rule always has a resource to report even when the log leaves fields out.
# scope: package
# custom:
#   library: true
package scalewatch.lib.target

import rego.v1

# METADATA
# title: Name of the object a call acted on
# description: >-
#   The first non-empty string among the request keys (in order; a key is a field name or a path
#   array such as ["export", "name"]), else the first resource uid, else the action, so a missing field
#   never drops a finding.
name(event, keys) := candidates[0] if {
	candidates := array.concat(
		[value |
			some key in keys
			value := object.get(event, array.concat(["api", "request"], _path(key)), "")
			_is_text(value)
		],
		[resource.uid |
			some resource in object.get(event, "resources", [])
			_is_text(object.get(resource, "uid", ""))
		],
	)
	count(candidates) > 0
} else := object.get(event, ["api", "action"], "unknown")

# METADATA
# title: Model a model.invoke call named
# description: >-
#   Bedrock modelId, SageMaker endpointName, Vertex AI model/endpoint, Azure OpenAI deployment; else the
#   resource, else the action.
model(event) := name(event, ["modelId", "endpointName", "model", "endpoint", "modelDeploymentName", "deploymentName"])

# METADATA
# title: Storage bucket or container an object call acted on
# description: >-
#   S3 bucketName, the bucket of a GCS resource name (projects/_/buckets/<b>/objects/...), an S3 object
#   ARN, or <account>/<container> of an Azure blob resource id; empty when the event does not say.
store(event) := bucket if {
	bucket := event.api.request.bucketName
	_is_text(bucket)
} else := stores[0] if {
	stores := [s |
		some resource in object.get(event, "resources", [])
		some s in _stores_of(object.get(resource, "uid", ""))
	]
	count(stores) > 0
} else := ""

# METADATA
# title: Last path segment of a name
# description: core/v1/namespaces/ns/pods/p/exec -> exec; a name without slashes is returned as is.
leaf(value) := parts[count(parts) - 1] if parts := split(value, "/")

_path(key) := [key] if is_string(key)

else := key

_is_text(value) if {
	is_string(value)
	value != ""
}

_stores_of(uid) := {bucket} if {
	startswith(uid, "arn:aws:s3:::")
	bucket := split(trim_prefix(uid, "arn:aws:s3:::"), "/")[0]
	bucket != ""
} else := {parts[i + 1] |
	parts := split(uid, "/")
	some i, part in parts
	part == "buckets"
	i + 1 < count(parts)
} if {
	contains(uid, "buckets/")
} else := {concat("/", [parts[a + 1], parts[c + 1]]) |
	parts := split(lower(uid), "/")
	some a, account_key in parts
	account_key == "storageaccounts"
	some c, container_key in parts
	container_key == "containers"
	c + 1 < count(parts)
} if {
	contains(lower(uid), "/containers/")
} else := set()
