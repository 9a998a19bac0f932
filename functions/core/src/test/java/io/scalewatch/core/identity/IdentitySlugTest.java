package io.scalewatch.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalewatch.core.checkpoint.CheckpointKey;
import io.scalewatch.core.event.CloudProvider;
import org.junit.jupiter.api.Test;

class IdentitySlugTest {
    private static final String ROLE = "arn:aws:iam::111122223333:role/castai-eks-demo";

    @Test
    void of_roleArn_isReadableWithHashOfTheIdentity() {
        assertThat(IdentitySlug.of(ROLE)).isEqualTo("arn-aws-iam-111122223333-role-castai-eks-demo-d44f7ed693b0");
    }

    @Test
    void of_sameIdentityAsCheckpointKey_givesTheSameSlug() {
        assertThat(IdentitySlug.of(ROLE))
                .isEqualTo(new CheckpointKey(CloudProvider.AWS, "111122223333", "us-east-1", ROLE).identitySlug());
    }

    @Test
    void of_longHostileIdentity_isPathSafeAndBounded() {
        String hostile = "../../etc/passwd\u0000\n" + "x".repeat(500) + "?a=b&c=%2F";
        String slug = IdentitySlug.of(hostile);
        assertThat(slug).matches("[a-z0-9-]+").hasSizeLessThanOrEqualTo(48 + 1 + 12);
    }

    @Test
    void of_identitiesThatReadAlike_differByHash() {
        assertThat(IdentitySlug.of("a.b")).isNotEqualTo(IdentitySlug.of("a/b"));
    }
}
