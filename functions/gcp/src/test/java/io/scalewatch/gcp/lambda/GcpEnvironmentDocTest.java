package io.scalewatch.gcp.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalewatch.aws.lambda.AwsEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/gcp.md's Lambda section names every variable of {@link GcpEnvironment} and every config field. */
class GcpEnvironmentDocTest {
    private static String lambdaSection() throws IOException {
        String root = System.getProperty("scalewatch.root", "");
        assertThat(root).as("system property scalewatch.root (the Maven build sets it)").isNotBlank();
        String doc = Files.readString(Path.of(root, "docs", "gcp.md"));
        int start = doc.indexOf("## Lambda");
        assertThat(start).as("docs/gcp.md has a Lambda section").isNotNegative();
        int end = doc.indexOf("\n## ", start + 1);
        return doc.substring(start, end < 0 ? doc.length() : end);
    }

    @Test
    void lambdaSection_namesEveryVariableAndField() throws IOException {
        String section = lambdaSection();
        for (AwsEnvironment.Variable variable : GcpEnvironment.variables()) {
            assertThat(section).as(variable.name()).contains("`" + variable.name() + "`");
        }
        for (String field : GcpScanConfig.FIELDS) {
            assertThat(section).as(field).contains("`" + field);
        }
    }
}
