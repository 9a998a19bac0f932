package io.scalewatch.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.List;
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
 *
 * <p>{@code permissions} are the permission checks the cloud logged for the call (GCP
 * {@code authorizationInfo}: the permission a method exercised is not its name); empty where the log
 * states none (CloudTrail's action and Azure's operationName already are the permission).
 */
public record ApiCall(String service, String operation, String action, JsonNode request, JsonNode response,
        ApiError error, List<PermissionCheck> permissions) {
    public ApiCall {
        service = Objects.requireNonNullElse(service, "");
        operation = Objects.requireNonNullElse(operation, "");
        action = Objects.requireNonNullElse(action, "");
        request = request == null ? MissingNode.getInstance() : request;
        response = response == null ? MissingNode.getInstance() : response;
        error = Objects.requireNonNullElse(error, ApiError.NONE);
        permissions = permissions == null ? List.of() : List.copyOf(permissions);
    }

    /** A call whose log states no permission checks. */
    public ApiCall(String service, String operation, String action, JsonNode request, JsonNode response,
            ApiError error) {
        this(service, operation, action, request, response, error, List.of());
    }
}
