package io.scalewatch.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoActivityTest {
    @TempDir
    static Path first;
    @TempDir
    static Path second;

    @BeforeAll
    static void generateTwice() {
        DemoActivity.write(first);
        DemoActivity.write(second);
    }

    @Test
    void write_twice_byteIdenticalFiles() throws IOException {
        List<Path> files = allFiles(first);
        assertThat(files).hasSizeGreaterThan(10);
        assertThat(allFiles(second)).containsExactlyElementsOf(files);
        for (Path file : files) {
            assertThat(Files.readAllBytes(second.resolve(file)))
                    .as("bytes of %s", file)
                    .isEqualTo(Files.readAllBytes(first.resolve(file)));
        }
    }

    @Test
    void bundledResources_equalFreshGeneration() throws IOException {
        List<String> bundledManifest = lines(resource(DemoActivity.MANIFEST_FILE));
        assertThat(bundledManifest)
                .as("functions/cli/src/main/resources/demo is stale: run DemoResources.main and commit")
                .containsExactlyElementsOf(DemoData.manifest(first));
        for (String path : bundledManifest) {
            byte[] fresh = DemoData.gunzip(Files.newInputStream(first.resolve(path.substring("demo/".length()))));
            try (InputStream bundled = getClass().getResourceAsStream("/" + path)) {
                assertThat(bundled).as("bundled %s", path).isNotNull();
                assertThat(DemoData.gunzip(bundled)).as("content of bundled %s", path).isEqualTo(fresh);
            }
        }
        for (String text : List.of(DemoActivity.SETTINGS_FILE, DemoActivity.IDENTITIES_FILE)) {
            assertThat(new String(resource(text), StandardCharsets.UTF_8))
                    .as("bundled %s", text)
                    .isEqualTo(Files.readString(first.resolve(text)));
        }
    }

    @Test
    void write_manifest_listsEveryDataFile() throws IOException {
        List<String> dataFiles = new ArrayList<>();
        for (Path file : allFiles(first)) {
            if (file.getNameCount() > 1) {
                dataFiles.add("demo/" + file.toString().replace('\\', '/'));
            }
        }
        assertThat(DemoData.manifest(first)).containsExactlyInAnyOrderElementsOf(dataFiles);
    }

    @Test
    void principals_equalIdentitiesFile() throws IOException {
        assertThat(Files.readAllLines(first.resolve(DemoActivity.IDENTITIES_FILE)))
                .containsExactlyElementsOf(DemoActivity.principals())
                .contains("arn:aws:iam::111122223333:role/castai-eks-demo",
                        "castai-gke@demo-project.iam.gserviceaccount.com",
                        "0b5c2f6e-1111-4111-8111-111111111111");
    }

    @Test
    void settings_declareTheDemoAllowLists() throws IOException {
        JsonNode settings = DemoData.MAPPER.readTree(first.resolve(DemoActivity.SETTINGS_FILE).toFile());
        assertThat(settings.get("allowed_regions").get("aws")).extracting(JsonNode::asText)
                .containsExactly("us-east-1", "us-west-2");
        assertThat(settings.get("trusted_vendor_accounts")).extracting(JsonNode::asText)
                .containsExactly("999988887777");
        assertThat(settings.get("allowed_source_cidrs")).extracting(JsonNode::asText)
                .containsExactly("34.120.10.0/24", "34.120.11.0/24");
        assertThat(settings.get("allowed_gpu_families")).isEmpty();
        assertThat(settings.fieldNames()).toIterable().contains("allowed_user_agent_patterns",
                "allowed_node_identities", "telemetry_store_patterns");
    }

    @Test
    void dataFiles_parseInTheirDeclaredShape() {
        List<DemoData.LoadedFile> files = DemoData.load(first);
        assertThat(files).extracting(DemoData.LoadedFile::format).contains(DemoFormat.values());
        for (DemoData.LoadedFile file : files) {
            assertThat(file.records()).as("records of %s", file.path()).isNotEmpty();
            for (JsonNode record : file.records()) {
                switch (file.format()) {
                    case CLOUDTRAIL_RECORDS -> assertThat(record.fieldNames()).toIterable().as(file.path())
                            .contains("eventVersion", "userIdentity", "eventTime", "eventSource", "eventName",
                                    "awsRegion", "sourceIPAddress", "requestID", "eventID", "eventType",
                                    "recipientAccountId", "eventCategory");
                    case GCP_LOG_ENTRIES -> {
                        assertThat(record.at("/protoPayload/@type").asText())
                                .isEqualTo("type.googleapis.com/google.cloud.audit.AuditLog");
                        assertThat(record.fieldNames()).toIterable().as(file.path())
                                .contains("insertId", "logName", "resource", "timestamp", "severity");
                    }
                    case AZURE_RECORDS -> {
                        assertThat(record.fieldNames()).toIterable().as(file.path())
                                .contains("time", "resourceId", "operationName", "category", "properties");
                        if (record.get("category").asText().equals("kube-audit")) {
                            assertThat(DemoFact.parseJson(record.at("/properties/log").asText()).get("kind").asText())
                                    .isEqualTo("Event");
                        } else {
                            assertThat(record.get("identity").get("claims").fieldNames()).toIterable()
                                    .contains("appid", "http://schemas.microsoft.com/identity/claims/objectidentifier");
                        }
                    }
                    case AZURE_LOG_ANALYTICS -> assertThat(record.fieldNames()).toIterable().as(file.path())
                            .contains("TimeGenerated", "OperationNameValue", "Caller", "CallerIpAddress",
                                    "ActivityStatusValue", "ResourceId", "SubscriptionId", "CorrelationId",
                                    "Properties_d", "Claims_d", "EventDataId", "CategoryValue", "Level");
                    default -> throw new AssertionError("unknown format " + file.format());
                }
            }
        }
    }

    @Test
    void background_isAtLeastTenTimesTheIncidents() {
        long background = 0;
        long incidents = 0;
        for (DemoData.LoadedFile file : DemoData.load(first)) {
            if (file.incidents()) {
                incidents += file.records().size();
            } else {
                background += file.records().size();
            }
        }
        assertThat(incidents).isPositive();
        assertThat(background).isGreaterThanOrEqualTo(10 * incidents);
    }

    @Test
    void background_otherPrincipalsAreAboutAFifthOfEachCloud() {
        for (String cloud : List.of("aws", "gcp", "azure")) {
            long all = 0;
            long others = 0;
            for (DemoData.LoadedFile file : DemoData.load(first)) {
                if (!file.incidents() && file.path().startsWith(cloud + "/")) {
                    for (DemoFact fact : DemoFact.of(file)) {
                        all++;
                        others += fact.agent() ? 0 : 1;
                    }
                }
            }
            assertThat((double) others / all).as("share of other principals in %s", cloud).isBetween(0.12, 0.3);
            assertThat(all).as("background lines in %s", cloud).isGreaterThan(2_500);
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = DemoActivityTest.class.getResourceAsStream("/demo/" + name)) {
            assertThat(in).as("bundled resource demo/%s", name).isNotNull();
            return in.readAllBytes();
        }
    }

    private static List<String> lines(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8).lines().toList();
    }

    private static List<Path> allFiles(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }
}
