# METADATA
# title: Principals, ARNs and IAM targets
# description: >-
#   Who an event's caller is relative to the watched identity (input.identity.matcher: a role ARN, user
#   ARN, access key id, service-account email, Azure GUID, or * for every principal), account and name
#   parts of ARNs and GCP service-account names, the IAM resource an IAM call changed, and masking of
#   credential ids so a finding never carries a full key id.
# scope: package
# custom:
#   library: true
package scalewatch.lib.principal

import rego.v1

import data.scalewatch.lib.text

# METADATA
# title: Caller of the event is the watched identity
# scope: document
# description: >-
#   The matcher names the principal, its assumed-role sessions, or the access key that signed the call;
#   * (or no matcher) means every principal is watched. An agent watched in several clouds comes as a
#   newline-separated list (the scan's --identity values), and any of them matches.
is_watched_actor(_, matcher) if _is_all(matcher)

is_watched_actor(event, matcher) if {
	some one in _matchers(matcher)
	_is_actor(event, one)
}

_is_actor(event, one) if lower(event.actor.principal) == lower(one)

_is_actor(event, one) if startswith(event.actor.session, assumed_role_prefix(one))

_is_actor(event, one) if event.actor.credential_id == one

# METADATA
# title: A resource (role ARN, service-account email) is the watched identity
# scope: document
# description: The matcher as for is_watched_actor; any line of a newline-separated list matches.
is_watched_target(_, matcher) if _is_all(matcher)

is_watched_target(target, matcher) if {
	some one in _matchers(matcher)
	lower(target) == lower(one)
}

# The matcher whole, and each part of a list (an IAM name may itself hold a comma: the whole still matches).
# One principal per line: IAM names may contain commas, never a newline.
_matchers(matcher) := {matcher} | {trim_space(one) | some one in split(matcher, "\n"); trim_space(one) != ""}

_is_all("*")

_is_all("")

# METADATA
# title: Session ARN prefix of a role ARN
# description: arn:aws:iam::1:role/path/name -> arn:aws:sts::1:assumed-role/name/ (sessions drop the path).
assumed_role_prefix(role_arn) := concat("", [
	"arn:", parts[1], ":sts::", parts[4], ":assumed-role/",
	names[count(names) - 1], "/",
]) if {
	parts := split(role_arn, ":")
	count(parts) == 6
	startswith(parts[5], "role/")
	names := split(parts[5], "/")
}

# METADATA
# title: Account of an AWS ARN or principal
# scope: document
# description: arn:aws:iam::123456789012:role/x -> 123456789012; a bare 12-digit account id is itself.
arn_account(value) := value if text.is_account_id(value)

arn_account(value) := parts[4] if {
	startswith(value, "arn:")
	parts := split(value, ":")
	count(parts) >= 6
}

# METADATA
# title: Project of a GCP service-account email
# description: agent@my-project.iam.gserviceaccount.com -> my-project; other emails have none.
sa_project(email) := split(split(email, "@")[1], ".")[0] if endswith(lower(email), ".iam.gserviceaccount.com")

# METADATA
# title: Service-account email named by a GCP resource name
# description: projects/-/serviceAccounts/a@p.iam.gserviceaccount.com[/keys/k] -> a@p.iam.gserviceaccount.com.
sa_from_name(name) := parts[i + 1] if {
	parts := split(name, "/")
	some i, part in parts
	part == "serviceAccounts"
	i + 1 < count(parts)
}

# METADATA
# title: Credential id with all but its first and last four characters hidden
# scope: document
# description: Ids of eight characters or fewer are hidden entirely, so the full id is never written.
mask(id) := concat("", [substring(id, 0, 4), "****", substring(id, count(id) - 4, 4)]) if count(id) > 8

mask(id) := "****" if count(id) <= 8

# METADATA
# title: AWS partition of the caller (aws, aws-cn, aws-us-gov), aws when the log does not say
# scope: document
partition(event) := split(event.actor.principal, ":")[1] if startswith(event.actor.principal, "arn:")

partition(event) := "aws" if not startswith(object.get(event, ["actor", "principal"], ""), "arn:")

# METADATA
# title: The IAM role, user, group, instance profile or policy an IAM call changed
# description: >-
#   AWS requests name the thing (roleName, instanceProfileName, policyArn, ...); GCP and Azure log the
#   resource (resources[0].uid, request.resource / name). Falls back to location and action, so an
#   unrecognised request still yields a finding rather than none.
iam_target(event) := target if {
	event.cloud.provider == "aws"
	some target in _aws_targets(event)
} else := event.resources[0].uid if {
	event.resources[0].uid
} else := event.api.request.resource if {
	is_string(event.api.request.resource)
} else := event.api.request.name if {
	is_string(event.api.request.name)
} else := concat("/", [
	event.cloud.provider, object.get(event, ["cloud", "account"], "-"),
	object.get(event, ["cloud", "region"], "-"), object.get(event, ["api", "action"], "-"),
])

# One element, in the order the thing that changed is named: the instance profile a role was added to,
# the role a policy was attached to, before the role or policy itself.
_aws_targets(event) := array.slice(
	[t |
		some key in ["instanceProfileName", "roleName", "userName", "groupName", "policyArn", "policyName"]
		name := event.api.request[key]
		t := _aws_arn(event, key, name)
	],
	0, 1,
)

_aws_arn(_, "policyArn", name) := name

_aws_arn(event, key, name) := arn if {
	key != "policyArn"
	arn := concat("", ["arn:", partition(event), ":iam::", event.cloud.account, ":", _aws_kinds[key], "/", name])
}

_aws_kinds := {
	"roleName": "role",
	"userName": "user",
	"groupName": "group",
	"instanceProfileName": "instance-profile",
	"policyName": "policy",
}

# METADATA
# title: AWS request is about one of the agent's own node instance profiles
# description: >-
#   Autoscalers manage their node instance profiles (Karpenter creates, re-roles and deletes them under
#   /karpenter/<region>/<cluster>/). The request's instanceProfileName, with its path where the request
#   has one, matched case-insensitively against glob patterns (* crosses every character).
is_own_instance_profile(event, patterns) if {
	name := event.api.request.instanceProfileName
	subject := lower(concat("", [object.get(event.api.request, "path", ""), name]))
	some pattern in patterns
	glob.match(lower(pattern), ["\n"], subject)
}

# METADATA
# title: Role or service account an assume / impersonate call asks credentials for
# description: >-
#   AWS requestParameters.roleArn, else the event's IAM role resource; GCP the service account the
#   request names (projects/-/serviceAccounts/<email>), else the first resource.
assumed_target(event) := event.api.request.roleArn if {
	is_string(event.api.request.roleArn)
} else := email if {
	event.cloud.provider == "gcp"
	email := sa_from_name(event.api.request.name)
} else := roles[0] if {
	roles := [resource.uid |
		some resource in event.resources
		resource.type == "AWS::IAM::Role"
	]
	count(roles) > 0
} else := event.resources[0].uid

# METADATA
# title: Call made by a cloud service on the identity's behalf (ec2.amazonaws.com, AWS Internal)
# scope: document
is_service_call(event) if event.actor.type == "AWSService"

is_service_call(event) if endswith(event.actor.principal, ".amazonaws.com")

is_service_call(event) if endswith(event.src_endpoint.ip, ".amazonaws.com")

is_service_call(event) if event.src_endpoint.ip == "AWS Internal"
