package io.scalewatch.cli.demo;

import static io.scalewatch.cli.demo.Json.obj;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Who makes a CloudTrail-recorded call and from where.
 *
 * @param userIdentity the CloudTrail {@code userIdentity} block
 * @param sourceIp the {@code sourceIPAddress}
 * @param userAgent user agent; {@code {api}} is replaced by the service's SDK token
 */
record AwsCaller(ObjectNode userIdentity, String sourceIp, String userAgent) {
    static final String AGENT_USER_AGENT = "aws-sdk-go-v2/1.30.3 os/linux lang/go#1.22.5 md/GOOS#linux"
            + " md/GOARCH#amd64 api/{api} castai-agent/0.60.1";

    /** The user agent for a call to {@code service}. */
    String userAgentFor(AwsService service) {
        return userAgent.replace("{api}", service.apiToken());
    }

    /** A session of an assumed role. */
    static ObjectNode assumedRole(String account, String roleName, String rolePath, String roleId, String session,
            String accessKey, long creationMs) {
        String roleArn = "arn:aws:iam::" + account + ":role/" + rolePath + roleName;
        return obj(
                "type", "AssumedRole",
                "principalId", roleId + ":" + session,
                "arn", "arn:aws:sts::" + account + ":assumed-role/" + roleName + "/" + session,
                "accountId", account,
                "accessKeyId", accessKey,
                "sessionContext", obj(
                        "sessionIssuer", obj(
                                "type", "Role",
                                "principalId", roleId,
                                "arn", roleArn,
                                "accountId", account,
                                "userName", roleName),
                        "webIdFederationData", obj(),
                        "attributes", obj(
                                "creationDate", DemoTime.iso(creationMs),
                                "mfaAuthenticated", "false")));
    }

    /** An IAM user signing with a long-term access key. */
    static ObjectNode iamUser(String account, String userName, String userId, String accessKey) {
        return obj(
                "type", "IAMUser",
                "principalId", userId,
                "arn", "arn:aws:iam::" + account + ":user/" + userName,
                "accountId", account,
                "accessKeyId", accessKey,
                "userName", userName);
    }
}
