package io.scalewatch.core.posture;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IamGlobTest {
    @ParameterizedTest
    @CsvSource({
        "arn:aws:iam::*:role/castai-node-*, arn:aws:iam::123456789012:role/castai-node-a, true",
        "arn:aws:iam::*:role/castai-node-*, arn:aws:iam::123456789012:role/nodes/castai-node-b, false",
        "arn:aws:iam::*:role/*castai-node-*, arn:aws:iam::123456789012:role/nodes/castai-node-b, true",
        "arn:aws:iam::123456789012:role/castai-node-?, arn:aws:iam::123456789012:role/castai-node-a, true",
        "arn:aws:iam::123456789012:role/castai-node-?, arn:aws:iam::123456789012:role/castai-node-ab, false",
        "*, arn:aws:iam::123456789012:role/anything, true",
        "arn:aws:iam::123456789012:role/Castai-Node-A, arn:aws:iam::123456789012:role/castai-node-a, false",
        "arn:aws:iam::123456789012:role/**a, arn:aws:iam::123456789012:role/xa, true",
        "arn:aws:iam::123456789012:role/${aws:username}, arn:aws:iam::123456789012:role/alice, false"})
    void resource_iamWildcards_matchAsIamDoes(String pattern, String arn, boolean expected) {
        assertThat(IamGlob.resource(pattern, arn)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"iam:PassRole, true", "iam:passrole, true", "IAM:Pass*, true", "iam:*, true", "*, true",
        "iam:PassRoles, false", "iam:Get*, false", "sts:PassRole, false"})
    void action_caseInsensitiveWildcards(String pattern, boolean expected) {
        assertThat(IamGlob.action(pattern, "iam:PassRole")).isEqualTo(expected);
    }
}
