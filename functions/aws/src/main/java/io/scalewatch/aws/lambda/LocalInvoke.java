package io.scalewatch.aws.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.scalewatch.core.identity.IdentitySlug;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.RecordState;

/**
 * Runs the scheduled-scan handler in-process against an AWS emulator, as {@code infra/bin/lambda-local} does:
 * builds the wiring aimed at the endpoint (fake credentials), seeds the emulator with the demo
 * ({@link LocalSeed}) unless told not to, invokes {@link AwsScanHandler} with the event and a Lambda context
 * with a remaining time, prints the result as JSON on stdout and where the findings landed on stderr.
 *
 * <pre>
 * java -cp scalewatch.jar io.scalewatch.aws.lambda.LocalInvoke --endpoint http://127.0.0.1:5000 \
 *     --demo functions/cli/src/main/resources/demo infra/lambda/sample-scheduler-event.json
 * </pre>
 *
 * Exit code: 0 when the run is done or partial, 1 when a target failed, 2 for a config or usage error.
 */
public final class LocalInvoke {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String USAGE = "usage: LocalInvoke --endpoint URL [--region us-east-1]"
            + " [--demo DIR | --no-seed] [--remaining PT15M] [EVENT.json]";
    /** Fake credentials: the emulator accepts any, and files them under its default account. */
    private static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIALOCALINVOKE00001", "local-invoke-fake-secret-key-not-a-secret"));

    private LocalInvoke() {}

    /** Runs and exits with the code above. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs with the given streams and returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        URI endpoint = null;
        Region region = Region.US_EAST_1;
        Path demo = null;
        boolean seed = true;
        Duration remaining = Duration.ofMinutes(15);
        Path eventFile = null;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--endpoint" -> endpoint = URI.create(value(args, ++i));
                    case "--region" -> region = Region.of(value(args, ++i));
                    case "--demo" -> demo = Path.of(value(args, ++i));
                    case "--no-seed" -> seed = false;
                    case "--remaining" -> remaining = Duration.parse(value(args, ++i));
                    default -> {
                        if (args[i].startsWith("--") || eventFile != null) {
                            throw new IllegalArgumentException("unexpected argument '" + args[i] + "'");
                        }
                        eventFile = Path.of(args[i]);
                    }
                }
            }
            if (endpoint == null) {
                throw new IllegalArgumentException("--endpoint is required (LocalInvoke runs against an emulator"
                        + " only)");
            }
            if (seed && demo == null) {
                throw new IllegalArgumentException("--demo DIR is required to seed the emulator (or --no-seed)");
            }
        } catch (RuntimeException e) {
            err.println("LocalInvoke: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        Map<String, Object> event;
        try {
            event = eventFile == null ? Map.of() : toMap(JSON.readTree(Files.readString(eventFile)));
        } catch (IOException | IllegalArgumentException e) {
            err.println("LocalInvoke: cannot read the event " + eventFile + ": " + e.getMessage());
            return 2;
        }
        try (AwsWiring wiring = AwsWiring.builder().environment(System.getenv()).region(region)
                .credentials(CREDENTIALS).endpointOverride(endpoint).build()) {
            if (seed) {
                try {
                    AwsScanConfig config = wiring.loadConfig(event);
                    err.println("seeding the emulator at " + endpoint + ":");
                    LocalSeed.seed(wiring, config, demo).forEach(line -> err.println("  " + line));
                } catch (AwsScanConfigException e) {
                    err.println("not seeding (the handler will report it): " + e.getMessage());
                }
            }
            String requestId = UUID.randomUUID().toString();
            LocalContext context = new LocalContext(requestId, "arn:" + wiring.partition() + ":lambda:" + region.id()
                    + ":" + wiring.ownAccount() + ":function:scalewatch-scan", wiring.clock(), remaining, err);
            Map<String, Object> result = new AwsScanHandler(wiring).handleRequest(event, context);
            out.println(JSON.writeValueAsString(result));
            out.flush();
            report(wiring, event, result, err);
            return switch (String.valueOf(result.get("status"))) {
                case "done", "partial" -> 0;
                case "invalid_config" -> 2;
                default -> 1;
            };
        } catch (IOException e) {
            err.println("LocalInvoke: cannot print the result: " + e.getMessage());
            return 1;
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    /** Where the run's objects and findings are, for the person at the terminal. */
    private static void report(AwsWiring wiring, Map<String, Object> event, Map<String, Object> result,
            PrintStream err) {
        AwsScanConfig config;
        try {
            config = wiring.loadConfig(event);
        } catch (AwsScanConfigException e) {
            return;
        }
        String runId = String.valueOf(result.get("runId"));
        String bucket = config.outputs().findingsBucket();
        err.println("objects of run " + runId + ":");
        for (S3Object object : wiring.s3().listObjectsV2Paginator(b -> b.bucket(bucket)
                .prefix(config.outputs().findingsPrefix())).contents()) {
            if (object.key().contains(runId) || object.key().endsWith("/latest.json")) {
                err.println("  s3://" + bucket + "/" + object.key() + " (" + object.size() + " bytes)");
            }
        }
        if (config.outputs().securityHubEnabled()) {
            String slug = IdentitySlug.of(config.identity().value());
            List<AwsSecurityFinding> active = new ArrayList<>();
            for (AwsSecurityFinding finding : wiring.securityHub().getFindingsPaginator(b -> b.maxResults(100))
                    .findings()) {
                if (slug.equals(finding.productFields().get("scalewatch/identity"))
                        && finding.recordState() == RecordState.ACTIVE) {
                    active.add(finding);
                }
            }
            err.println("Security Hub " + wiring.ownAccount() + "/" + wiring.region().id() + ": " + active.size()
                    + " active findings of " + config.identity().value());
        }
    }

    /** The event as Lambda hands it to the handler: JSON objects as maps, arrays as lists, scalars as values. */
    public static Map<String, Object> toMap(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("the event must be a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) toValue(node);
        return map;
    }

    private static Object toValue(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                map.put(field.getKey(), toValue(field.getValue()));
            }
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(item -> list.add(toValue(item)));
            return list;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        return node.isNull() ? null : node.asText();
    }
}
