package io.scalewatch.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.Objects;

/**
 * The API operation of an event.
 *
 * <p>{@code action} is the cloud-specific canonical key the policy catalogs classify:
 * AWS {@code <service>:<eventName>} (e.g. {@code ec2:RunInstances}); GCP the methodName without its
 * {@code v1./beta./alpha.} version prefix (e.g. {@code compute.instances.insert}); Azure the lowercased
 * operationName (e.g. {@code microsoft.compute/virtualmachines/write}).
 *
 * <p>{@code request} and {@code response} keep the cloud's own fields (CloudTrail requestParameters, GCP
 * protoPayload.request, Azure properties) because rules need them; secret-bearing values (user data,
 * startup scripts, passwords) are redacted by the normalizers. The nodes are never mutated after
 * normalization.
 */
public record ApiCall(
        String service, String operation, String action, JsonNode request, JsonNode response, ApiError error) {
    public ApiCall {
        service = Objects.requireNonNullElse(service, "");
        operation = Objects.requireNonNullElse(operation, "");
        action = Objects.requireNonNullElse(action, "");
        request = request == null ? MissingNode.getInstance() : request;
        response = response == null ? MissingNode.getInstance() : response;
        error = Objects.requireNonNullElse(error, ApiError.NONE);
    }
}
