package io.scalewatch.aws.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AwsEnvironmentTest {
    private static List<String> constants() throws IllegalAccessException {
        List<String> names = new ArrayList<>();
        for (Field field : AwsEnvironment.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                names.add((String) field.get(null));
            }
        }
        return names;
    }

    @Test
    void variables_everyScalewatchConstant_isListedOnce() throws IllegalAccessException {
        List<String> listed = AwsEnvironment.variables().stream().map(AwsEnvironment.Variable::name).toList();

        assertThat(listed).doesNotHaveDuplicates().allMatch(n -> n.startsWith("SCALEWATCH_"));
        assertThat(constants()).filteredOn(n -> n.startsWith("SCALEWATCH_"))
                .containsExactlyInAnyOrderElementsOf(listed);
        assertThat(constants()).filteredOn(n -> !n.startsWith("SCALEWATCH_")).containsExactly("AWS_REGION");
    }

    @Test
    void variables_everyConfigFieldButNow_hasOneVariable() {
        List<String> fields = AwsEnvironment.variables().stream().map(AwsEnvironment.Variable::field)
                .filter(f -> !f.isEmpty()).toList();
        List<String> expected = new ArrayList<>();
        for (String field : AwsScanConfig.FIELDS) {
            if (field.equals(AwsScanConfig.WINDOW)) {
                AwsScanConfig.WINDOW_FIELDS.forEach(w -> expected.add(AwsScanConfig.WINDOW + "." + w));
            } else if (!Set.of(AwsScanConfig.NOW).contains(field)) {
                expected.add(field);
            }
        }

        assertThat(fields).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        assertThat(AwsEnvironment.variables()).allSatisfy(v -> assertThat(v.description()).isNotBlank());
        assertThat(AwsEnvironment.forField(AwsScanConfig.FINDINGS_BUCKET)).hasValueSatisfying(
                v -> assertThat(v.name()).isEqualTo(AwsEnvironment.FINDINGS_BUCKET));
        assertThat(AwsEnvironment.forField(AwsScanConfig.NOW)).isEmpty();
    }
}
