package scalewatch.lib.target_test

import rego.v1

import data.scalewatch.lib.target

_event(request, uids) := {
	"api": {"action": "s3:PutObject", "request": request},
	"resources": [{"type": "t", "uid": uid} | some uid in uids],
}

test_name_prefers_request_key_order if {
	target.name(_event({"b": "second", "a": "first"}, ["uid-1"]), ["a", "b"]) == "first"
}

test_name_follows_nested_paths_and_skips_non_strings if {
	event := _event({"export": {"name": "focus"}, "endpoint": {"name": "object"}}, [])
	target.name(event, ["endpoint", ["export", "name"]]) == "focus"
}

test_name_falls_back_to_resource_then_action if {
	target.name(_event({}, ["", "uid-2"]), ["a"]) == "uid-2"
	target.name(_event({}, []), ["a"]) == "s3:PutObject"
	target.name({}, ["a"]) == "unknown"
}

test_store_per_cloud_shape if {
	target.store(_event({"bucketName": "acme-cur"}, [])) == "acme-cur"
	target.store(_event({}, ["arn:aws:s3:::acme-cur/cur/x.parquet"])) == "acme-cur"
	target.store(_event({}, ["projects/_/buckets/acme-billing/objects/a/b"])) == "acme-billing"
	blob := concat("/", [
		"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/Acct",
		"blobServices/default/containers/Exports/blobs/x",
	])
	target.store(_event({}, [blob])) == "acct/exports"
}

test_store_empty_when_unknown if {
	target.store(_event({}, ["projects/p/zones/z/instances/i"])) == ""
	target.store({"api": {"action": "x"}}) == ""
}

test_leaf if {
	target.leaf("core/v1/namespaces/ns/pods/p") == "p"
	target.leaf("plain") == "plain"
}
