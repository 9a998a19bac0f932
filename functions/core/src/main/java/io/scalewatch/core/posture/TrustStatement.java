package io.scalewatch.core.posture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.Objects;

/**
 * Who may act as the watched identity: a statement of an AWS role trust policy, a GCP service-account IAM
 * binding (serviceAccountUser, serviceAccountTokenCreator, serviceAccountKeyAdmin, ...), or an Azure
 * assignment that lets another principal manage the service principal.
 *
 * @param effect {@code Allow} or {@code Deny}
 * @param principals as written: {@code AWS:arn:...}, {@code Service:ec2.amazonaws.com}, {@code Federated:...},
 *     {@code *}; GCP members ({@code user:...}, {@code serviceAccount:...}); Azure principal ids
 * @param actions {@code sts:AssumeRole}, {@code iam.serviceAccounts.actAs}, a GCP role name, ...
 * @param conditions the Condition block (e.g. {@code sts:ExternalId}); empty when unconditional
 * @param source where the statement comes from
 */
public record TrustStatement(
        Grant.Effect effect, List<String> principals, List<String> actions, JsonNode conditions, String source) {
    public TrustStatement {
        Objects.requireNonNull(effect, "effect");
        principals = List.copyOf(principals);
        actions = List.copyOf(actions);
        conditions = conditions == null || conditions.isNull() || conditions.isMissingNode()
                ? JsonNodeFactory.instance.objectNode()
                : conditions;
        source = Objects.requireNonNullElse(source, "");
    }
}
