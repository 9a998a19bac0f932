package io.scalewatch.aws.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalewatch.aws.Moto;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code infra/bin/lambda-local}'s Java half: seed, invoke with the shipped sample event, print. */
class LocalInvokeFunctionalTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path sampleEvent() {
        return LambdaFixtures.root().resolve(Path.of("infra", "lambda", "sample-scheduler-event.json"));
    }

    @Test
    void run_sampleEvent_seedsInvokesAndPrintsTheResultAsJsonAndWhereFindingsLanded() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        // its own region, so its Security Hub findings stay apart from other tests'
        int code = LocalInvoke.run(new String[] {"--endpoint", Moto.endpoint().toString(), "--region", "eu-west-1",
            "--demo", LambdaFixtures.demo().toString(), sampleEvent().toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        String printed = err.toString(StandardCharsets.UTF_8);
        assertThat(code).as(printed).isZero();
        JsonNode result = JSON.readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(result.path("status").asText()).isEqualTo("done");
        assertThat(result.path("targets")).hasSize(3);
        assertThat(result.path("targets").findValuesAsText("region"))
                .containsExactly("us-east-1", "us-west-2", "ap-southeast-1");
        assertThat(result.path("targets").findValuesAsText("coveredUntil")).containsOnly("2026-11-25T00:00:00Z");
        assertThat(printed).contains("seeding the emulator").contains("objects of run " + result.path("runId").asText())
                .contains("s3://scalewatch-local-findings/scalewatch/findings/cloud=aws/account=111122223333/")
                .contains("Security Hub 123456789012/eu-west-1: ");
    }

    @Test
    void run_withoutEndpoint_isAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = LocalInvoke.run(new String[] {"--no-seed"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--endpoint is required").contains("usage:");
    }
}
