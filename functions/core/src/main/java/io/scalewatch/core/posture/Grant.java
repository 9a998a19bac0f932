package io.scalewatch.core.posture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.Objects;

/**
 * One permission grant held by the watched identity (DESIGN.md §3): an IAM policy statement, a GCP role
 * binding expanded to its permissions, or an Azure role assignment with its role definition.
 *
 * @param effect {@code Allow} or {@code Deny}
 * @param actions IAM actions / GCP permissions / Azure actions and dataActions, as written (wildcards kept)
 * @param notActions NotAction / Azure notActions and notDataActions
 * @param resources Resource ARNs / the GCP resource the binding is on / Azure assignment scope
 * @param notResources NotResource (AWS only)
 * @param conditions the statement's Condition block, a GCP binding condition, or an Azure ABAC condition
 *     as {@code {"expression": ...}}; an empty object when unconditional
 * @param source where the grant comes from: policy ARN + statement id, role binding, role assignment id
 * @param role the role behind the grant where there is one (GCP role name, Azure role definition name)
 */
public record Grant(
        Effect effect,
        List<String> actions,
        List<String> notActions,
        List<String> resources,
        List<String> notResources,
        JsonNode conditions,
        String source,
        String role) {

    /** Statement effect. */
    public enum Effect {
        ALLOW("Allow"),
        DENY("Deny");

        private final String label;

        Effect(String label) {
            this.label = label;
        }

        /** The policy-language spelling, {@code Allow} or {@code Deny}. */
        public String label() {
            return label;
        }

        /** Parses {@code Allow}/{@code Deny} in any case. */
        public static Effect parse(String text) {
            for (Effect effect : values()) {
                if (effect.label.equalsIgnoreCase(text)) {
                    return effect;
                }
            }
            throw new IllegalArgumentException("effect must be Allow or Deny, got '" + text + "'");
        }
    }

    public Grant {
        Objects.requireNonNull(effect, "effect");
        actions = List.copyOf(actions);
        notActions = List.copyOf(notActions);
        resources = List.copyOf(resources);
        notResources = List.copyOf(notResources);
        conditions = conditions == null || conditions.isNull() || conditions.isMissingNode()
                ? JsonNodeFactory.instance.objectNode()
                : conditions;
        source = Objects.requireNonNullElse(source, "");
        role = Objects.requireNonNullElse(role, "");
    }
}
