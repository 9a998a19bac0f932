package io.scalewatch.aws.sink;

import io.scalewatch.aws.Moto;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;

/** Reading back what the sink imported into the emulator's Security Hub. */
final class SecurityHub {
    private SecurityHub() {}

    /** The stored findings with these ids, by id (the emulator ignores GetFindings filters: filtered here). */
    static Map<String, AwsSecurityFinding> stored(SecurityHubClient client, Set<String> ids) {
        Map<String, AwsSecurityFinding> found = new LinkedHashMap<>();
        for (AwsSecurityFinding finding : client.getFindingsPaginator(b -> b.maxResults(100)).findings()) {
            if (ids.contains(finding.id())) {
                found.put(finding.id(), finding);
            }
        }
        return found;
    }

    /** A sink aimed at {@code client} for the emulator's account and region. */
    static SecurityHubSink.Builder sink(SecurityHubClient client) {
        return SecurityHubSink.builder().securityHub(client).account(Moto.ACCOUNT).region(Moto.REGION.id())
                .sleeper(d -> { });
    }
}
