package io.scalewatch.aws.dispatch;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scalewatch.core.event.CloudProvider;
import java.util.Objects;

/**
 * One target of a dispatch run and the message it becomes: the body is the scan handler's config override for
 * exactly this target.
 *
 * @param cloud the target's cloud
 * @param id the account, project or workspace
 * @param region the AWS region, empty for GCP and Azure
 * @param queueUrl the queue of the cloud's scan function
 * @param body the message body, a JSON object
 */
public record DispatchTarget(CloudProvider cloud, String id, String region, String queueUrl, String body) {
    /** Body field of a GCP target (the GCP scan's config field). */
    public static final String GCP_PROJECTS_FIELD = "projects";
    /** Body field of an Azure target (the Azure scan's config field: its targets are workspaces). */
    public static final String AZURE_WORKSPACES_FIELD = "workspaces";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public DispatchTarget {
        Objects.requireNonNull(cloud, "cloud");
        Objects.requireNonNull(id, "id");
        region = Objects.requireNonNullElse(region, "");
        Objects.requireNonNull(queueUrl, "queueUrl");
        Objects.requireNonNull(body, "body");
    }

    /** An AWS account in one region: {@code {"accounts":["<account>"],"regions":["<region>"]}}. */
    public static DispatchTarget aws(String account, String region, String queueUrl) {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("accounts").add(account);
        body.putArray("regions").add(region);
        return new DispatchTarget(CloudProvider.AWS, account, region, queueUrl, body.toString());
    }

    /** A GCP project: {@code {"projects":["<project>"]}}. */
    public static DispatchTarget gcp(String project, String queueUrl) {
        ObjectNode body = JSON.createObjectNode();
        body.putArray(GCP_PROJECTS_FIELD).add(project);
        return new DispatchTarget(CloudProvider.GCP, project, "", queueUrl, body.toString());
    }

    /**
     * An Azure Log Analytics workspace: {@code {"workspaces":["<workspace>"]}}. The workspace is the Azure scan's
     * target (its checkpoint key); the subscriptions it reads posture from stay the function's own.
     */
    public static DispatchTarget azure(String workspace, String queueUrl) {
        ObjectNode body = JSON.createObjectNode();
        body.putArray(AZURE_WORKSPACES_FIELD).add(workspace);
        return new DispatchTarget(CloudProvider.AZURE, workspace, "", queueUrl, body.toString());
    }

    /** {@code aws:<account>:<region>}, {@code gcp:<project>}, {@code azure:<workspace>}: logs, attributes. */
    public String name() {
        return cloud.id() + ":" + id + (region.isEmpty() ? "" : ":" + region);
    }
}
