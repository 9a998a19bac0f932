package io.scalewatch.aws.posture;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalewatch.core.event.CloudProvider;
import io.scalewatch.core.posture.Boundary;
import io.scalewatch.core.posture.PassableRole;
import io.scalewatch.core.posture.Posture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IamPostureResultTest {
    private static final String WATCHED = "arn:aws:iam::123456789012:role/castai-eks";
    private static final String NODE = "arn:aws:iam::123456789012:role/castai-node";

    private static Posture role(String arn, Map<String, String> tags) {
        return new Posture(CloudProvider.AWS, arn, "123456789012", List.of(), List.of(), List.of(), Boundary.NONE,
                tags, "aws-iam-api:123456789012");
    }

    @Test
    void withPassableRoles_taggedRoles_ridesInsideTheIdentityWithViaAndWithoutTheTags() {
        Posture node = role(NODE, Map.of("team", "platform", IamPostureResult.PASSABLE_BY, WATCHED,
                IamPostureResult.PASSABLE_VIA, "arn:aws:iam::123456789012:policy/Cast#PassRole, inline:x:y#1"));
        IamPostureResult result = new IamPostureResult(role(WATCHED, Map.of()), List.of(node), List.of(), List.of());

        Posture posture = result.withPassableRoles();

        assertThat(posture.identity()).isEqualTo(WATCHED);
        assertThat(posture.passableRoles()).hasSize(1);
        PassableRole passable = posture.passableRoles().get(0);
        assertThat(passable.role().identity()).isEqualTo(NODE);
        assertThat(passable.via()).containsExactly("arn:aws:iam::123456789012:policy/Cast#PassRole", "inline:x:y#1");
        assertThat(passable.role().tags()).isEqualTo(Map.of("team", "platform"));
    }

    @Test
    void withPassableRoles_none_givesTheIdentityUnchanged() {
        Posture watched = role(WATCHED, Map.of("team", "platform"));

        assertThat(new IamPostureResult(watched, List.of(), List.of(), List.of()).withPassableRoles())
                .isEqualTo(watched);
    }
}
