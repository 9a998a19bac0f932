# METADATA
# title: Audit logging does not record the agent
# description: >-
#   scalewatch only sees what the cloud writes down. Where no trail records management events in a
#   region, a trail has stopped logging, the project's Data Access audit logs are off for the services
#   the agent calls (or the agent's service account is exempted from them), or no diagnostic setting
#   exports the subscription's Administrative activity to the workspace scalewatch reads, the agent
#   can act there unseen: by scalewatch, by the SIEM and by any later investigation. Judged from the
#   logging posture the collectors read with the IAM posture (CloudTrail DescribeTrails, GetTrailStatus
#   and event selectors per region; the project IAM policy's auditConfigs; the subscription's
#   diagnostic settings). Who turned logging off is judged by SW-L5-001 from the events.
# scope: package
# custom:
#   id: SW-L5-008
#   layer: L5
#   severity: MEDIUM
#   cvss_base: 5.3
#   kind: missing
#   clouds: [aws, gcp, azure]
#   attack: [T1562.008]
#   stratus: []
#   remediation: >-
#     AWS: keep a multi-region (ideally organization) trail logging with management events Read and
#     Write (StartLogging; event selectors ReadWriteType All, or advanced selectors on the Management
#     category). GCP: enable Data Access audit logs (ADMIN_READ, DATA_WRITE) for compute, container and
#     iam in the project or its folder/organization, and remove the agent's service account from
#     exemptedMembers. Azure: add a subscription diagnostic setting that sends the Administrative
#     category to the Log Analytics workspace scalewatch reads. Then protect it: deny the agent
#     cloudtrail:*, logging.sinks.* / resourcemanager.projects.setIamPolicy and
#     Microsoft.Insights/diagnosticSettings/*.
package scalewatch.maestro.l5.audit_logging_gap

import rego.v1

import data.scalewatch.lib.config
import data.scalewatch.lib.finding

_settings := config.settings.silence

_logged := [p | some p in input.posture; is_object(p.logging)]

# AWS: no trail covering the region records management writes while logging.
findings contains finding.for_posture(rego.metadata.chain(), p, resource, detail, sources) if {
	some p in _logged
	p.cloud == "aws"
	some region in object.get(p.logging, "regions", [])
	trails := [s | some s in p.logging.sources; s.kind == "trail"; region in object.get(s, "regions", [])]
	not _any_trail_records(trails)
	resource := concat("", ["cloudtrail:", p.account, ":", region])
	sources := {s.name | some s in trails}
	detail := concat("", [
		_aws_gap(trails), " in ", region, " of account ", p.account,
		": the agent's API calls there reach no trail, so scalewatch reading the trail (S3, Lake), the SIEM",
		" and any investigation are blind to them (only the 90-day event history keeps them)",
	])
}

# AWS: each trail covering the region that has stopped logging.
findings contains finding.for_posture(rego.metadata.chain(), p, trail.name, detail, {trail.name}) if {
	some p in _logged
	p.cloud == "aws"
	some trail in p.logging.sources
	trail.kind == "trail"
	not trail.enabled
	detail := concat("", [
		"trail ", trail.name, " covers ", concat(", ", object.get(trail, "regions", [])),
		" but is not logging (IsLogging false): nothing it would record reaches its destination",
	])
}

# GCP: required Data Access log types off for services the agent calls.
findings contains finding.for_posture(rego.metadata.chain(), p, resource, detail, sources) if {
	some p in _logged
	p.cloud == "gcp"
	missing := sort({concat(":", [service, log_type]) |
		some service in _settings.gcp_audit_services
		some log_type in _settings.gcp_audit_log_types
		not _gcp_records(p.logging.sources, service, log_type)
	})
	count(missing) > 0
	resource := concat("", ["projects/", p.account, "/auditConfigs"])
	sources := {s.name | some s in p.logging.sources; s.kind == "audit_config"} | {resource}
	detail := concat("", [
		"Data Access audit logs off in project ", p.account, " for ", concat(", ", missing),
		": the agent's reads and data changes there are not logged, so scalewatch cannot see reconnaissance",
		" or data access by it (Admin Activity logs stay on)",
	])
}

# GCP: the watched service account is exempted from audit logs.
findings contains finding.for_posture(rego.metadata.chain(), p, resource, detail, sources) if {
	some p in _logged
	p.cloud == "gcp"
	exempt := sort({concat(":", [s.name, log_type]) |
		some s in p.logging.sources
		s.kind == "audit_config"
		_member(p.identity) in object.get(s, "exempted", [])
		some log_type in s.captures
	})
	count(exempt) > 0
	resource := concat("", ["projects/", p.account, "/auditConfigs/exemptedMembers/", _member(p.identity)])
	sources := {concat("", ["projects/", p.account, "/auditConfigs"])}
	detail := concat("", [
		"the agent's service account ", p.identity, " is exempted from audit logs ", concat(", ", exempt),
		" in project ", p.account, ": its calls there are deliberately not logged",
	])
}

# Azure: no diagnostic setting exports Administrative activity to the workspace scalewatch reads.
findings contains finding.for_posture(rego.metadata.chain(), p, resource, detail, sources) if {
	some p in _logged
	p.cloud == "azure"
	settings := [s | some s in p.logging.sources; s.kind == "diagnostic_setting"]
	missing := {category |
		some category in _settings.azure_categories
		not _azure_exports(settings, category, object.get(p.logging, "read_from", []))
	}
	count(missing) > 0
	resource := concat("", ["/subscriptions/", p.account, "/providers/Microsoft.Insights/diagnosticSettings"])
	sources := {s.name | some s in settings} | {resource}
	detail := concat("", [
		_azure_gap(settings, sort(missing), object.get(p.logging, "read_from", [])), " in subscription ", p.account,
		": the agent's activity there does not reach the Log Analytics workspace scalewatch reads, so it",
		" is invisible to scalewatch",
	])
}

_any_trail_records(trails) if {
	some trail in trails
	trail.enabled
	every capture in _settings.aws_trail_captures {
		capture in trail.captures
	}
}

_aws_gap(trails) := "no trail covers the region" if count(trails) == 0

_aws_gap(trails) := concat("", ["no trail that is logging records management ", captures]) if {
	count(trails) > 0
	captures := concat(" and ", [replace(c, "management_", "") | some c in _settings.aws_trail_captures])
}

_gcp_records(sources, service, log_type) if {
	some s in sources
	s.kind == "audit_config"
	s.name in {service, "allServices"}
	log_type in s.captures
}

_member(identity) := concat("", ["serviceAccount:", identity])

_azure_exports(settings, category, read_from) if {
	some s in settings
	s.enabled
	category in s.captures
	_to_read_workspace(s, read_from)
}

# Without a known workspace (none configured) any destination counts.
_to_read_workspace(_, read_from) if count(read_from) == 0

_to_read_workspace(s, read_from) if {
	some workspace in read_from
	lower(object.get(s, "destination", "")) == lower(workspace)
}

_azure_gap(settings, _, _) := "no diagnostic setting exports the activity log" if count(settings) == 0

_azure_gap(settings, missing, read_from) := concat("", [
	"no diagnostic setting exports ", concat(", ", missing), " to workspace ", concat(", ", read_from),
	" (settings: ", concat(", ", sort({s.name | some s in settings})), ")",
]) if {
	count(settings) > 0
}
