package io.scalewatch.aws.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** The demo's realistic CloudTrail logs of the agent (functions/cli/.../demo/aws), read from the checkout. */
public final class DemoTrail {
    /** The watched role of the demo. */
    public static final String ROLE = "arn:aws:iam::111122223333:role/castai-eks-demo";
    /** 3,332 events of 2026-11-24 in us-east-1: the agent, SSO users, the vendor's AssumeRole, AWS services. */
    public static final String US_EAST_1_BACKGROUND =
            "111122223333_CloudTrail_us-east-1_20261124T0000Z_background.json.gz";
    /** The incidents of the same day and region. */
    public static final String US_EAST_1_INCIDENTS =
            "111122223333_CloudTrail_us-east-1_20261124T0000Z_incidents.json.gz";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DemoTrail() {}

    /** The records of one demo trail file. */
    public static List<JsonNode> records(String fileName) {
        Path file = Path.of(root(), "functions", "cli", "src", "main", "resources", "demo", "aws", fileName);
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            List<JsonNode> out = new ArrayList<>();
            MAPPER.readTree(in).path("Records").forEach(out::add);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read demo trail " + file, e);
        }
    }

    /** A test resource under src/test/resources, as text. */
    public static String resource(String path) {
        try (InputStream in = DemoTrail.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String root() {
        String root = System.getProperty("scalewatch.root", "");
        if (root.isBlank()) {
            throw new AssertionError("system property scalewatch.root is not set (the Maven build sets it)");
        }
        return root;
    }
}
