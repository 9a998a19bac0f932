package io.scalewatch.core.posture;

import static io.scalewatch.core.posture.PostureFixtures.CASTAI_ROLE;
import static io.scalewatch.core.posture.PostureFixtures.CASTAI_SA;
import static io.scalewatch.core.posture.PostureFixtures.loader;
import static io.scalewatch.core.posture.PostureFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalewatch.core.event.CloudProvider;
import io.scalewatch.core.identity.IdentityMatcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostureLoaderTest {
    @Test
    void detect_everyFixture_hasTheExpectedShape() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        String[][] cases = {
            {"posture/aws/authorization-details.json", "AWS_AUTHORIZATION_DETAILS"},
            {"posture-cases/aws-cli/get-role.json", "AWS_ROLE"},
            {"posture-cases/aws-cli/get-role-policy.json", "AWS_INLINE_POLICY"},
            {"posture-cases/aws-cli/list-role-policies.json", "AWS_INLINE_POLICY_NAMES"},
            {"posture-cases/aws-cli/list-attached-role-policies.json", "AWS_ATTACHED_POLICIES"},
            {"posture-cases/aws-cli/cast-policy-version.json", "AWS_POLICY_VERSION"},
            {"posture-cases/aws-cli/ec2-readonly/get-policy.json", "AWS_MANAGED_POLICY"},
            {"posture-cases/aws-cli/ec2-readonly/get-policy-version.json", "AWS_POLICY_VERSION"},
            {"posture-cases/aws-access-keys/list-access-keys.json", "AWS_ACCESS_KEYS"},
            {"posture/gcp/projects_demo-project.json", "GCP_IAM_POLICY"},
            {"posture/gcp/sa-castai-gke-iam-policy.json", "GCP_IAM_POLICY"},
            {"posture-cases/gcp-asset/search-all-iam-policies.json", "GCP_IAM_POLICY"},
            {"posture/gcp/roles-predefined.json", "GCP_ROLES"},
            {"posture/gcp/role-castai-gkeAccess.json", "GCP_ROLES"},
            {"posture-cases/gcp-asset/roles-list.json", "GCP_ROLES"},
            {"posture/gcp/sa-castai-gke-keys.json", "GCP_KEYS"},
            {"posture-cases/gcp-asset/keys.json", "GCP_KEYS"},
            {"posture/azure/role-assignments.json", "AZURE_ROLE_ASSIGNMENTS"},
            {"posture-cases/azure-arm/role-assignments.json", "AZURE_ROLE_ASSIGNMENTS"},
            {"posture/azure/role-definitions.json", "AZURE_ROLE_DEFINITIONS"},
            {"posture-cases/azure-arm/role-definitions.json", "AZURE_ROLE_DEFINITIONS"},
            {"posture/azure/service-principal.json", "AZURE_PRINCIPALS"},
            {"posture/azure/application.json", "AZURE_PRINCIPALS"},
            {"posture-cases/malformed/unknown-shape.json", "UNKNOWN"},
        };
        for (String[] c : cases) {
            PostureFileKind kind = PostureFileKind.detect(mapper.readTree(resource(c[0]).toFile()));
            assertThat(kind.name()).as(c[0]).isEqualTo(c[1]);
        }
    }

    @Test
    void load_wholePostureDirectory_combinesEachCloudsFilesAndReturnsOnePosturePerCloud() {
        PostureLoadResult result = loader().load(List.of(resource("posture")), IdentityMatcher.all());

        assertThat(result.postures()).extracting(Posture::cloud).containsSubsequence(
                CloudProvider.AWS, CloudProvider.GCP, CloudProvider.AZURE);
        assertThat(result.postures()).extracting(Posture::identity)
                .contains(CASTAI_ROLE, CASTAI_SA, PostureFixtures.CASTAI_SP_OBJECT_ID);
    }

    @Test
    void load_sameFileTwiceAndItsDirectory_readsItOnce() {
        Path aws = resource("posture/aws");
        PostureLoadResult result = loader().load(List.of(aws.resolve("authorization-details.json"), aws),
                IdentityMatcher.parse(CASTAI_ROLE));

        assertThat(result.postures()).singleElement()
                .satisfies(p -> assertThat(p.source()).doesNotContain(","));
    }

    @Test
    void load_notJson_throwsNamingFileAndPosition() {
        Path file = resource("posture-cases/malformed/not-json.json");

        assertThatThrownBy(() -> loader().load(List.of(file), IdentityMatcher.all()))
                .isInstanceOf(PostureFileException.class)
                .hasMessageStartingWith(file + ": not JSON (")
                .hasMessageContaining("line ")
                .satisfies(e -> assertThat(((PostureFileException) e).file()).isEqualTo(file.toString()));
    }

    @Test
    void load_unknownShape_throwsNamingFileAndItsFields() {
        Path file = resource("posture-cases/malformed/unknown-shape.json");

        assertThatThrownBy(() -> loader().load(List.of(file), IdentityMatcher.all()))
                .isInstanceOf(PostureFileException.class)
                .hasMessageStartingWith(file + ": not a known posture file (an object with fields [Items, Count])")
                .hasMessageContaining("docs/posture-files.md");
    }

    @Test
    void load_badEffect_throwsNamingFileAndStatement() {
        Path dir = resource("posture-cases/malformed/bad-effect");

        assertThatThrownBy(() -> loader().load(List.of(dir), IdentityMatcher.all()))
                .isInstanceOf(PostureFileException.class)
                .hasMessageStartingWith(dir.resolve("authorization-details.json") + ": ")
                .hasMessageContaining("statement inline:arn:aws:iam::111122223333:role/bad:p#0")
                .hasMessageContaining("Effect must be Allow or Deny, got 'Permit'");
    }

    @Test
    void load_missingPath_throwsNoSuchFile(@TempDir Path dir) {
        Path missing = dir.resolve("nope.json");

        assertThatThrownBy(() -> loader().load(List.of(missing), IdentityMatcher.all()))
                .isInstanceOf(PostureFileException.class)
                .hasMessage(missing + ": no such file or directory");
    }

    @Test
    void load_emptyFile_throwsEmpty(@TempDir Path dir) throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.json"), "  \n");

        assertThatThrownBy(() -> loader().load(List.of(empty), IdentityMatcher.all()))
                .isInstanceOf(PostureFileException.class)
                .hasMessageContaining("empty.json: file is empty");
    }

    @Test
    void load_trailingGarbage_throwsNotJson(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("two.json"), "{\"keys\":[]} {\"keys\":[]}");

        assertThatThrownBy(() -> loader().load(List.of(file), IdentityMatcher.all()))
                .isInstanceOf(PostureFileException.class)
                .hasMessageContaining("two.json: not JSON");
    }

    @Test
    void load_deeplyNestedJson_throwsNotJsonInsteadOfOverflowing(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("deep.json"), "[".repeat(5000) + "]".repeat(5000));

        assertThatThrownBy(() -> loader().load(List.of(file), IdentityMatcher.all()))
                .isInstanceOf(PostureFileException.class)
                .hasMessageContaining("deep.json: not JSON");
    }

    @Test
    void load_controlCharactersInFieldNames_areNotEchoedRaw(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("ctl.json"), "{\"a\\u001b[31mb\": 1}");

        assertThatThrownBy(() -> loader().load(List.of(file), IdentityMatcher.all()))
                .isInstanceOf(PostureFileException.class)
                .hasMessageContaining("[a?[31mb]")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u001b"));
    }

    @Test
    void load_emptyListsAndEmptyDirectory_areWarnedNotFatal(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("assignments.json"), "[]");
        Files.writeString(dir.resolve("arm.json"), "{\"value\": []}");
        Path emptyDir = Files.createDirectory(dir.resolve("nothing-here"));

        PostureLoadResult result = loader().load(List.of(dir, emptyDir), IdentityMatcher.all());

        assertThat(result.postures()).isEmpty();
        // Listing problems come first, then what each file held.
        assertThat(result.warnings()).containsExactly(
                emptyDir + ": no *.json files in this directory",
                dir.resolve("arm.json") + ": ignored: an empty list, nothing to read",
                dir.resolve("assignments.json") + ": ignored: an empty list, nothing to read");
    }

    @Test
    void load_directory_readsNestedJsonAndSkipsHiddenAndOtherFiles(@TempDir Path dir) throws IOException {
        Path aws = Files.createDirectories(dir.resolve("aws"));
        Files.copy(resource("posture/aws/authorization-details.json"), aws.resolve("authorization-details.json"));
        Files.createDirectories(dir.resolve(".cache"));
        Files.writeString(dir.resolve(".cache/junk.json"), "not json");
        Files.writeString(dir.resolve("notes.txt"), "not json either");

        PostureLoadResult result = loader().load(List.of(dir), IdentityMatcher.parse(CASTAI_ROLE));

        assertThat(result.postures()).singleElement()
                .satisfies(p -> assertThat(p.source()).isEqualTo(aws.resolve("authorization-details.json").toString()));
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void load_mixedShapesInOneArray_throwsUnknownShape(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("mixed.json"), """
            [{"principalId":"p","roleDefinitionId":"/x/r","scope":"/subscriptions/s"},
             {"roleName":"R","permissions":[]}]""");

        assertThatThrownBy(() -> loader().load(List.of(file), IdentityMatcher.all()))
                .isInstanceOf(PostureFileException.class)
                .hasMessageContaining("mixed.json: not a known posture file (an array whose entries are not all");
    }

    @Test
    void postureDocument_blankSource_isRejected() {
        assertThatThrownBy(() -> new PostureDocument(" ", new ObjectMapper().createObjectNode()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("source");
    }
}
