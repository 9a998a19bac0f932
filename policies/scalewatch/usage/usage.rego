# METADATA
# title: Usage report (used versus granted)
# description: >-
#   Per watched identity posture, from the same input the window/posture pass gets (posture, stats,
#   baseline): the permissions used within the lookback, the granted ones never used (every named
#   grant and every high-risk permission a wildcard covers), the denied ones and whether a grant
#   allows them, and for PassRole the passable roles with whether a launch passed them. Read-only: the
#   judgements are lib/usage's, the same the rules SW-L6-011/012/013 use, so the report and the findings
#   never disagree. Exposed as data.scalewatch.main.usage.
# scope: package
# custom:
#   library: true
package scalewatch.usage

import rego.v1

import data.scalewatch.lib.config
import data.scalewatch.lib.posture
import data.scalewatch.lib.usage

# METADATA
# title: One usage entry per posture in the input
report := [_entry(p) | some p in object.get(input, "posture", [])]

_entry(p) := {
	"cloud": p.cloud,
	"account": p.account,
	"identity": p.identity,
	"lookback_days": config.settings.usage.lookback_days,
	"history": {
		"started_ms": object.get(input, ["baseline", "started_ms"], 0),
		"updated_ms": object.get(input, ["baseline", "updated_ms"], 0),
		"runs": object.get(input, ["baseline", "runs"], 0),
		"covers_lookback": _covers,
	},
	"used": sort({key | some key in usage.used_actions; _of_cloud(key) == p.cloud}),
	"granted_never_used": sort(usage.unused_high_risk(p) | usage.unused_named(p)),
	"denied": [{"action": key, "granted": _granted(p, key)} |
		some key in sort(usage.seen_since("denied_action"))
		_of_cloud(key) == p.cloud
	],
	"pass_role": _pass_role(p),
}

_granted(p, permission) if posture.allows(p, permission)

else := false

default _covers := false

_covers if usage.history_covers

_pass_role(p) := {
	"passed": sort(usage.aws_passed),
	"passable": [{"role": role.identity, "via": role.via, "passed": _passed(role.identity)} |
		some role in object.get(p, "passable_roles", [])
	],
	"unresolved_profiles": sort(usage.unresolved_profiles(p)),
} if {
	p.cloud == "aws"
}

_pass_role(p) := {"passed": sort({key | some key in usage.seen_since("passed_role"); contains(key, "@")})} if {
	p.cloud == "gcp"
}

_pass_role(p) := {"passed": sort({key |
	some key in usage.seen_since("passed_role")
	startswith(key, "/subscriptions/")
})} if {
	p.cloud == "azure"
}

_passed(role_arn) if usage.role_passed(role_arn)

else := false

# Keys of the history are not tagged with their cloud; their shape tells it: ec2:RunInstances (AWS),
# microsoft.compute/... and AKS k8s.* (Azure), compute.instances.create and GKE io.k8s.* (GCP).
_of_cloud(key) := "aws" if {
	contains(key, ":")
} else := "azure" if {
	contains(key, "/")
} else := "azure" if {
	startswith(key, "k8s.")
} else := "gcp"
