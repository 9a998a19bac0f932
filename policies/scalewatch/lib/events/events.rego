# METADATA
# title: Event classification
# description: >-
#   Classes of an event (instance.launch, logging.disable, ...) come from the per-cloud catalogs in
#   data.scalewatch.catalog.<cloud>.actions, keyed by the normalized api.action, so one rule covers
#   AWS, GCP and Azure and users extend coverage with data instead of code.
# scope: package
# custom:
#   library: true
package scalewatch.lib.events

import rego.v1

# METADATA
# title: Classes of an event
# description: The catalog classes of the event's action; empty when the catalog does not know it.
classes(event) := object.get(data.scalewatch.catalog, [event.cloud.provider, "actions", event.api.action], [])

# METADATA
# title: Event has a class
is_class(event, class) if class in classes(event)

# METADATA
# title: Events of the input chunk by class
# description: Built once per evaluation, so each rule reads only the events of the classes it judges.
of_class[class] contains event if {
	some event in input.events
	some class in classes(event)
}

# METADATA
# title: Call failed
is_failure(event) if event.status == "failure"

# METADATA
# title: Call succeeded
is_success(event) if event.status == "success"

# METADATA
# title: Request field, or a default when absent
request(event, path, default_value) := object.get(event, array.concat(["api", "request"], path), default_value)

# METADATA
# title: Where an event happened, as account/region
location(event) := concat("/", [event.cloud.provider, event.cloud.account, event.cloud.region])
