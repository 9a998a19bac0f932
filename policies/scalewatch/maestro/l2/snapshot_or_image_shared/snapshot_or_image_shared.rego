# METADATA
# title: Agent shared a snapshot, image or disk outside the account
# description: >-
#   Node images, volume snapshots and disks hold what ran on the nodes: container layers, caches,
#   credentials written to disk. Sharing one with another account, making it public or generating a SAS
#   download URL copies that data out without touching the network perimeter. An autoscaler builds on
#   images; it never shares them. Fires (attempts included) when the agent adds EBS snapshot, AMI or RDS
#   snapshot permissions for another account, an organisation or everyone, grants a GCP image, snapshot,
#   disk or machine image to allUsers, allAuthenticatedUsers or any member outside the project's own
#   service accounts and settings image_share.trusted_members, or requests Azure disk or snapshot access
#   (SAS) or gallery sharing. A call whose request the log leaves out is reported.
# scope: package
# custom:
#   id: SW-L2-004
#   layer: L2
#   severity: HIGH
#   cvss_base: 8.2
#   kind: event
#   clouds: [aws, gcp, azure]
#   attack: [T1537]
#   stratus:
#     - aws.exfiltration.ec2-share-ebs-snapshot
#     - aws.exfiltration.ec2-share-ami
#     - aws.exfiltration.rds-share-snapshot
#     - gcp.exfiltration.share-compute-disk
#     - gcp.exfiltration.share-compute-image
#     - gcp.exfiltration.share-compute-snapshot
#     - azure.exfiltration.disk-export
#   remediation: >-
#     Remove the share (ModifySnapshotAttribute / ModifyImageAttribute / ModifyDBSnapshotAttribute with
#     remove, the IAM binding on the GCP resource, revoke the Azure SAS with EndGetAccess) and assume the
#     data was copied: rotate anything stored on those volumes. Deny the agent ec2:Modify*Attribute,
#     rds:ModifyDB*SnapshotAttribute, compute.*.setIamPolicy and Microsoft.Compute/*/beginGetAccess/action;
#     block public AMI and snapshot sharing at the account level.
package scalewatch.maestro.l2.snapshot_or_image_shared

import rego.v1

import data.scalewatch.lib.config
import data.scalewatch.lib.events
import data.scalewatch.lib.finding
import data.scalewatch.lib.target

_object_keys := ["snapshotId", "imageId", "dBSnapshotIdentifier", "dBClusterSnapshotIdentifier"]

_aws_recipient_keys := ["userId", "group", "organizationArn", "organizationalUnitArn"]

findings contains finding.for_event(rego.metadata.chain(), event, resource, detail) if {
	some event in events.of_class["image.share"]
	not event.status == "in_progress"
	recipients := _recipients(event)
	count(recipients) > 0
	name := target.name(event, _object_keys)
	resource := concat("/", [events.location(event), name])
	detail := concat("", [_outcome(event), " ", name, " with ", concat(", ", sort(recipients))])
}

_recipients(event) := {"a SAS download URL or gallery share"} if {
	event.cloud.provider == "azure"
} else := {"unknown recipients (request not logged)"} if {
	not event.api.request
} else := _aws_recipients(event) if {
	event.cloud.provider == "aws"
} else := _gcp_recipients(event)

# EC2 createVolumePermission/launchPermission add items; RDS valuesToAdd. The own account is no share.
_aws_recipients(event) := {_aws_label(recipient) |
	some recipient in _aws_added(event.api.request)
	recipient != event.cloud.account
}

_aws_added(request) := {recipient |
	walk(request, [path, item])
	count(path) >= 3
	path[count(path) - 3] == "add"
	path[count(path) - 2] == "items"
	some key in _aws_recipient_keys
	recipient := item[key]
} | {recipient | some recipient in object.get(request, "valuesToAdd", [])}

_aws_label("all") := "everyone (public)"

_aws_label(recipient) := recipient if recipient != "all"

_gcp_recipients(event) := {member |
	some member in _gcp_added(event)
	not _is_trusted_gcp_member(member, event.cloud.account)
}

# The policy delta says what this call added; without one, judge every member of the new policy.
_gcp_added(event) := {delta.member |
	some delta in event.api.response.serviceData.policyDelta.bindingDeltas
	delta.action == "ADD"
} if {
	event.api.response.serviceData.policyDelta.bindingDeltas
} else := {member |
	some binding in object.get(event, ["api", "request", "policy", "bindings"], [])
	some member in binding.members
}

_is_trusted_gcp_member(member, project) if {
	startswith(member, "serviceAccount:")
	endswith(member, concat("", ["@", project, ".iam.gserviceaccount.com"]))
}

_is_trusted_gcp_member(member, _) if {
	some pattern in config.settings.image_share.trusted_members
	glob.match(pattern, ["\n"], member)
}

_outcome(event) := "tried to share (failed)" if events.is_failure(event)

else := "shared"
