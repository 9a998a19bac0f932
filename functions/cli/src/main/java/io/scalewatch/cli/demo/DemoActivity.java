package io.scalewatch.cli.demo;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The bundled demo dataset: one day (2026-11-24 UTC) of a CAST-AI-like autoscaler agent on AWS, GCP and Azure, in
 * each cloud's raw log format, with a benign background and injected incidents in separate {@code *_incidents*}
 * files. Deterministic: the same seed gives the same bytes.
 *
 * <pre>{@code
 * DemoActivity.write(Path.of("/tmp/demo"));   // data files + settings.json + identities.txt + manifest.txt
 * List<String> watched = DemoActivity.principals();
 * }</pre>
 */
public final class DemoActivity {
    /** The seed of the bundled dataset. */
    public static final long SEED = 20_261_124L;
    /** Settings overrides of the demo deployment, next to the data. */
    public static final String SETTINGS_FILE = "settings.json";
    /** The watched principals, one per line. */
    public static final String IDENTITIES_FILE = "identities.txt";
    /** Every data file, one resource path ({@code demo/...}) per line. */
    public static final String MANIFEST_FILE = "manifest.txt";

    private DemoActivity() {
    }

    /**
     * Writes the whole dataset below {@code dir}: the data files in {@code aws/}, {@code gcp/} and {@code azure/},
     * and {@link #SETTINGS_FILE}, {@link #IDENTITIES_FILE}, {@link #MANIFEST_FILE}.
     *
     * @throws UncheckedIOException when a file cannot be written
     */
    public static void write(Path dir) {
        List<DemoFile> files = files();
        for (DemoFile file : files) {
            DemoWriter.write(dir, file);
        }
        List<String> manifest = new ArrayList<>();
        for (DemoFile file : files) {
            manifest.add("demo/" + file.path());
        }
        writeText(dir.resolve(MANIFEST_FILE), String.join("\n", manifest) + "\n");
        writeText(dir.resolve(IDENTITIES_FILE), String.join("\n", principals()) + "\n");
        writeText(dir.resolve(SETTINGS_FILE), settingsJson());
    }

    /** The agent's principals the demo watches: AWS role and legacy user, GCP service account, Azure object id. */
    public static List<String> principals() {
        return List.of(AwsDemo.ROLE_ARN, AwsDemo.LEGACY_USER_ARN, GcpDemo.AGENT, AzureDemo.AGENT_OBJECT_ID);
    }

    /** The data files of the dataset, generated in memory. */
    static List<DemoFile> files() {
        List<DemoFile> files = new ArrayList<>();
        files.addAll(new AwsDemo(SEED).files());
        files.addAll(new GcpDemo(SEED).files());
        files.addAll(new AzureDemo(SEED).files());
        return files;
    }

    /** The demo deployment's settings overrides. */
    static String settingsJson() {
        ObjectNode settings = Json.obj(
                "allowed_regions", Json.obj(
                        "aws", Json.arr("us-east-1", "us-west-2"),
                        "gcp", Json.arr("us-central1"),
                        "azure", Json.arr("westeurope")),
                "allowed_source_cidrs", Json.arr(AwsDemo.VENDOR_CIDR, AzureDemo.VENDOR_CIDR),
                "allowed_user_agent_patterns", Json.arr("*castai-agent/*", "castai-cluster-controller/v*"),
                "trusted_vendor_accounts", Json.arr(AwsDemo.VENDOR_ACCOUNT),
                "allowed_node_identities", Json.arr(AwsDemo.NODE_PROFILE_ARN, AwsDemo.NODE_PROFILE,
                        "arn:aws:iam::" + AwsDemo.ACCOUNT + ":role/" + AwsDemo.NODE_ROLE, GcpDemo.NODE_SA,
                        AzureDemo.NODE_IDENTITY),
                "allowed_gpu_families", Json.arr(),
                "telemetry_store_patterns", Json.arr(
                        "arn:aws:s3:::demo-cur-*",
                        "arn:aws:s3:::demo-thanos-metrics*",
                        "projects/" + GcpEntry.PROJECT + "/datasets/billing_export*",
                        "/subscriptions/" + AzureActivity.SUBSCRIPTION
                                + "/resourceGroups/rg-demo-finops/providers/Microsoft.CostManagement/exports/*"));
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(DefaultPrettyPrinter.FixedSpaceIndenter.instance);
        try {
            return Json.MAPPER.writer(printer).writeValueAsString(settings) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize demo settings", e);
        }
    }

    private static void writeText(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
