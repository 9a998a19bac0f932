# METADATA
# title: Agent identity may invoke or change foundation models
# description: >-
#   Scaling nodes needs no model access. A grant that lets the autoscaler's identity invoke, deploy,
#   fine-tune or take the keys of a model turns a stolen agent credential into LLMjacking on your bill or
#   a way to reprogram a model others rely on. Reports the model permissions (catalog class model.use)
#   the identity holds, with the policies, roles or assignments that grant them; conditional grants count,
#   their sources are listed so the reader can judge the condition.
# scope: package
# custom:
#   id: SW-L1-005
#   layer: L1
#   severity: MEDIUM
#   cvss_base: 5.4
#   kind: posture
#   clouds: [aws, gcp, azure]
#   attack: [T1496.004]
#   stratus: [aws.impact.bedrock-invoke-model, gcp.impact.invoke-vertex-ai-model]
#   remediation: >-
#     Remove bedrock:*, sagemaker:Invoke*/Create*/Update* (AWS), aiplatform.* (GCP) and
#     Microsoft.CognitiveServices / MachineLearningServices actions and data actions (Azure) from the
#     agent's role, or deny them with an SCP, org policy or deny assignment. If a copilot on the agent
#     needs one model, grant invoke on that model's ARN or endpoint only.
package scalewatch.maestro.l1.model_access_reach

import rego.v1

import data.scalewatch.lib.finding
import data.scalewatch.lib.posture

findings contains finding.for_posture(rego.metadata.chain(), p, p.identity, detail, posture.sources(p, reach)) if {
	some p in input.posture
	reach := posture.reach(p, "model.use")
	count(reach) > 0
	detail := concat("", ["may ", concat(", ", sort(reach))])
}
