package io.scalewatch.core.posture;

import static io.scalewatch.core.posture.PostureFixtures.CASTAI_ROLE;
import static io.scalewatch.core.posture.PostureFixtures.CASTAI_SA;
import static io.scalewatch.core.posture.PostureFixtures.CASTAI_SP_OBJECT_ID;
import static io.scalewatch.core.posture.PostureFixtures.loader;
import static io.scalewatch.core.posture.PostureFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalewatch.core.identity.IdentityMatcher;
import io.scalewatch.core.policy.PolicyInputWriter;
import io.scalewatch.core.policy.ScanContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loaded fixture postures, written by {@link PolicyInputWriter}, read by the Rego posture library under
 * native OPA: proves the Java shape and the library agree.
 */
class PostureRegoRoundTripTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String LIB = "data.scalewatch.lib.posture";

    private static String required(String property) {
        String value = System.getProperty(property);
        assertThat(value).as("system property %s (set by the Maven build)", property).isNotBlank();
        return value;
    }

    private static Posture only(String fixture, String identity) {
        List<Posture> postures =
                loader().load(List.of(resource(fixture)), IdentityMatcher.parse(identity)).postures();
        assertThat(postures).hasSize(1);
        return postures.get(0);
    }

    private static JsonNode opaEval(Path input, String query) throws IOException, InterruptedException {
        Path policies = Path.of(required("scalewatch.root"), "policies");
        List<String> command = new ArrayList<>(List.of(required("opa.bin"), "eval", "--format", "json",
                "--data", policies.toString(), "--input", input.toString(), query));
        Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
        byte[] stdout = process.getInputStream().readAllBytes();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("opa eval finished").isTrue();
        assertThat(process.exitValue()).as("opa eval exit code; stderr: %s", stderr).isZero();
        JsonNode value = MAPPER.readTree(stdout).at("/result/0/expressions/0/value");
        assertThat(value.isMissingNode()).as("query is defined: %s", new String(stdout, StandardCharsets.UTF_8))
                .isFalse();
        return value;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(node -> out.add(node.asText()));
        return out;
    }

    @Test
    void writePosture_loadedFixtures_regoLibraryFindsCastPermissions(@TempDir Path dir)
            throws IOException, InterruptedException {
        List<Posture> postures = List.of(
                only("posture/aws", CASTAI_ROLE),
                only("posture/gcp", CASTAI_SA),
                only("posture/azure", CASTAI_SP_OBJECT_ID),
                only("posture/aws", "arn:aws:iam::111122223333:role/ci/github-actions-deployer"));
        Path input = dir.resolve("input.json");
        ScanContext context = new ScanContext("posture-round-trip", 0, 0, "*", "castai", null);
        Files.writeString(input, PolicyInputWriter.window(context, MAPPER.createObjectNode(), postures));
        String query = "{"
                + "\"aws_destroy\": " + LIB + ".reach(input.posture[0], \"iam.destroy\"),"
                + "\"aws_destroy_sources\": " + LIB + ".sources(input.posture[0], "
                + LIB + ".reach(input.posture[0], \"iam.destroy\")),"
                + "\"aws_pass\": " + LIB + ".reach(input.posture[0], \"role.pass\"),"
                + "\"aws_launch\": " + LIB + ".reach(input.posture[0], \"instance.launch\"),"
                + "\"gcp_k8s\": " + LIB + ".reach(input.posture[1], \"k8s.admin\"),"
                + "\"gcp_launch\": " + LIB + ".reach(input.posture[1], \"instance.launch\"),"
                + "\"gcp_pass\": " + LIB + ".reach(input.posture[1], \"role.pass\"),"
                + "\"azure_launch\": " + LIB + ".reach(input.posture[2], \"instance.launch\"),"
                + "\"azure_run\": " + LIB + ".reach(input.posture[2], \"vm.run_command\"),"
                + "\"azure_pass\": " + LIB + ".reach(input.posture[2], \"role.pass\"),"
                + "\"deployer_grants\": {g.source | some g in "
                + LIB + ".allowing_grants(input.posture[3], \"ecr:PutImage\")},"
                + "\"deployer_boundary\": input.posture[3].boundary,"
                + "\"passable\": [r.identity | some r in input.posture[0].passable_roles],"
                + "\"passable_via\": input.posture[0].passable_roles[0].via,"
                + "\"passable_launch\": " + LIB + ".reach(input.posture[0].passable_roles[0], \"instance.launch\"),"
                + "\"passable_read\": {g.source | some g in "
                + LIB + ".allowing_grants(input.posture[0].passable_roles[0], \"eks:DescribeCluster\")},"
                + "\"gcp_has_passable\": object.get(input.posture[1], \"passable_roles\", \"absent\")"
                + "}";

        JsonNode result = opaEval(input, query);

        // The catalog's iam.destroy class includes iam:DeleteServiceLinkedRole, which CAST's policy grants.
        assertThat(strings(result.get("aws_destroy"))).containsExactlyInAnyOrder("iam:DeleteRole",
                "iam:DetachRolePolicy", "iam:DeleteInstanceProfile", "iam:RemoveRoleFromInstanceProfile",
                "iam:DeleteServiceLinkedRole");
        assertThat(strings(result.get("aws_destroy_sources")))
                .containsExactly(PostureFixtures.CAST_POLICY + "#NonResourcePermissions");
        assertThat(strings(result.get("aws_pass"))).containsExactly("iam:PassRole");
        assertThat(strings(result.get("aws_launch"))).containsExactly("ec2:RunInstances");
        assertThat(strings(result.get("gcp_k8s")))
                .containsExactlyInAnyOrder("container.certificateSigningRequests.approve", "container.pods.exec",
                        "container.pods.attach", "container.pods.portForward");
        assertThat(strings(result.get("gcp_launch"))).containsExactly("compute.instances.create");
        assertThat(strings(result.get("gcp_pass"))).containsExactly("iam.serviceAccounts.actAs");
        assertThat(strings(result.get("azure_launch"))).containsExactlyInAnyOrder(
                "Microsoft.Compute/virtualMachines/write", "Microsoft.Compute/virtualMachineScaleSets/write");
        assertThat(strings(result.get("azure_run"))).containsExactlyInAnyOrder(
                "Microsoft.Compute/virtualMachines/runCommand/action",
                "Microsoft.Compute/virtualMachines/extensions/write",
                "Microsoft.Compute/virtualMachineScaleSets/virtualMachines/runCommand/action");
        assertThat(strings(result.get("azure_pass")))
                .containsExactly("Microsoft.ManagedIdentity/userAssignedIdentities/assign/action");
        assertThat(strings(result.get("deployer_grants"))).containsExactly(
                "inline:arn:aws:iam::111122223333:role/ci/github-actions-deployer:deliver-images#PushImages");
        JsonNode boundary = result.get("deployer_boundary");
        assertThat(strings(boundary.get("sources")))
                .containsExactly("arn:aws:iam::111122223333:policy/DeveloperBoundary");
        assertThat(boundary.at("/grants/1/effect").asText()).isEqualTo("Deny");
        assertThat(strings(boundary.at("/grants/1/not_actions"))).containsExactly("iam:Get*", "iam:List*");
        assertThat(strings(boundary.at("/grants/1/resources"))).containsExactly("arn:aws:iam::111122223333:*");
        assertThat(strings(result.get("passable")))
                .containsExactly("arn:aws:iam::111122223333:role/castai-eks-instance-demo");
        assertThat(strings(result.get("passable_via"))).containsExactly(PostureFixtures.CAST_POLICY + "#PassRoleEC2");
        assertThat(strings(result.get("passable_launch"))).isEmpty();
        assertThat(strings(result.get("passable_read")))
                .containsExactly("arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy#WorkerNodePermissions");
        assertThat(result.get("gcp_has_passable").asText()).isEqualTo("absent");
    }
}
