package io.scalewatch.aws.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scalewatch.aws.access.AccountSession;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.securityhub.model.ResourceConflictException;

/**
 * Seeds an AWS emulator (moto) with the demo, so the scheduled scan can run locally ({@code infra/bin/lambda-local},
 * {@link LocalInvoke}) and in tests: the config's findings and state buckets; Security Hub enabled in the
 * function's account and region; in mode s3 the trail bucket holding the demo's CloudTrail day
 * ({@code demo/aws/*.json.gz}) cut into five-minute objects as CloudTrail delivers them
 * ({@code [prefix/]AWSLogs/[org/]<account>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/<account>_CloudTrail_<region>_
 * <stamp>_<id>.json.gz}, stamped ten minutes after their first event); in the demo posture's account the IAM roles
 * and customer-managed policies of {@code demo/posture/aws/authorization-details.json}, and the config's read-only
 * role. Seeding twice changes nothing. It refuses to run without an endpoint override: never against real AWS.
 */
public final class LocalSeed {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TRAIL_FILE =
            Pattern.compile("(\\d{12})_CloudTrail_([a-z0-9-]+)_\\d{8}T\\d{4}Z_[a-z]+\\.json\\.gz");
    private static final Pattern ACCOUNT_IN_ARN = Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}):.*");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
    /** Events are grouped per five minutes and delivered five minutes after their group ends. */
    private static final Duration PERIOD = Duration.ofMinutes(5);
    private static final Duration DELIVERY = Duration.ofMinutes(5);

    private LocalSeed() {}

    /**
     * Seeds the emulator behind {@code wiring} for {@code config}.
     *
     * @param demo the demo folder ({@code functions/cli/src/main/resources/demo})
     * @return what was done, one line each, for the terminal
     * @throws IllegalStateException when the wiring talks to real AWS (no endpoint override)
     */
    public static List<String> seed(AwsWiring wiring, AwsScanConfig config, Path demo) {
        if (wiring.endpointOverride().isEmpty()) {
            throw new IllegalStateException("LocalSeed writes demo data; it runs only against an emulator"
                    + " (AwsWiring.endpointOverride), never against AWS");
        }
        List<String> done = new ArrayList<>();
        String own = wiring.ownAccount();
        AwsScanConfig.Outputs outputs = config.outputs();
        for (String bucket : new java.util.LinkedHashSet<>(List.of(outputs.findingsBucket(), outputs.stateBucket()))) {
            if (!bucket.isEmpty() && createBucket(wiring.s3(), bucket, wiring.region())) {
                done.add("bucket s3://" + bucket + " (account " + own + ")");
            }
        }
        if (outputs.securityHubEnabled()) {
            try {
                wiring.securityHub().enableSecurityHub(b -> b.enableDefaultStandards(false));
                done.add("Security Hub enabled in " + own + "/" + wiring.region().id());
            } catch (ResourceConflictException e) {
                // already enabled by an earlier seed
            }
        }
        AwsScanConfig.Source source = config.source();
        if (source.mode() == CollectorMode.S3) {
            Region bucketRegion = source.trailBucketRegion().isEmpty() ? wiring.region()
                    : Region.of(source.trailBucketRegion());
            S3Client s3 = wiring.s3(bucketRegion);
            createBucket(s3, source.trailBucket(), bucketRegion);
            int objects = uploadTrail(s3, source, demo.resolve("aws"));
            done.add(objects + " trail objects in s3://" + source.trailBucket() + "/" + source.trailPrefix()
                    + (source.trailPrefix().isEmpty() || source.trailPrefix().endsWith("/") ? "" : "/") + "AWSLogs/"
                    + (source.organizationId().isEmpty() ? "" : source.organizationId() + "/") + "...");
        }
        JsonNode posture = readJson(demo.resolve("posture").resolve("aws").resolve("authorization-details.json"));
        String postureAccount = postureAccount(posture);
        List<String> accounts = config.accounts().isEmpty() ? List.of(own) : config.accounts();
        if (accounts.contains(postureAccount)) {
            AccountSession session = postureAccount.equals(own)
                    ? AccountSession.own(own, wiring.credentials(), wiring.clients())
                    : wiring.accountAccess(config.crossAccount(), "local-seed").assume(postureAccount);
            try (session) {
                done.addAll(seedIam(session.iam(), posture, postureAccount));
                if (!postureAccount.equals(own)) {
                    done.addAll(readRole(session.iam(), config.crossAccount(), own, wiring.partition()));
                }
            }
        }
        return done;
    }

    private static boolean createBucket(S3Client s3, String bucket, Region region) {
        try {
            s3.createBucket(b -> {
                b.bucket(bucket);
                if (!region.equals(Region.US_EAST_1)) {
                    b.createBucketConfiguration(c -> c.locationConstraint(region.id()));
                }
            });
            return true;
        } catch (BucketAlreadyOwnedByYouException | BucketAlreadyExistsException e) {
            return false;
        }
    }

    private static int uploadTrail(S3Client s3, AwsScanConfig.Source source, Path demoAws) {
        String prefix = source.trailPrefix().isEmpty() || source.trailPrefix().endsWith("/") ? source.trailPrefix()
                : source.trailPrefix() + "/";
        String org = source.organizationId().isEmpty() ? "" : source.organizationId() + "/";
        int uploaded = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(demoAws, "*_CloudTrail_*.json.gz")) {
            List<Path> sorted = new ArrayList<>();
            files.forEach(sorted::add);
            sorted.sort(null);
            for (Path file : sorted) {
                Matcher m = TRAIL_FILE.matcher(file.getFileName().toString());
                if (!m.matches()) {
                    continue;
                }
                String account = m.group(1);
                String region = m.group(2);
                for (Map.Entry<Instant, ArrayNode> chunk : chunks(file).entrySet()) {
                    Instant stamp = chunk.getKey().plus(PERIOD).plus(DELIVERY);
                    ObjectNode doc = JSON.createObjectNode();
                    doc.set("Records", chunk.getValue());
                    String name = account + "_CloudTrail_" + region + "_" + STAMP.format(stamp) + "_"
                            + uniquePart(file.getFileName() + "/" + chunk.getKey()) + ".json.gz";
                    String key = prefix + "AWSLogs/" + org + account + "/CloudTrail/" + region + "/" + DAY.format(stamp)
                            + "/" + name;
                    s3.putObject(b -> b.bucket(source.trailBucket()).key(key),
                            RequestBody.fromBytes(gzip(doc.toString())));
                    uploaded++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the demo trail in " + demoAws, e);
        }
        return uploaded;
    }

    /** The file's records per five-minute period of their event time. */
    private static Map<Instant, ArrayNode> chunks(Path file) {
        Map<Instant, ArrayNode> chunks = new TreeMap<>();
        for (JsonNode record : readGzipJson(file).path("Records")) {
            Instant time = Instant.parse(record.path("eventTime").asText());
            Instant period = Instant.ofEpochSecond(time.getEpochSecond() / PERIOD.toSeconds() * PERIOD.toSeconds());
            chunks.computeIfAbsent(period, p -> JSON.createArrayNode()).add(record);
        }
        return chunks;
    }

    /** 16 alphanumerics derived from the object's origin, so a second seed writes the same keys. */
    private static String uniquePart(String origin) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(origin.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String postureAccount(JsonNode posture) {
        for (JsonNode role : posture.path("RoleDetailList")) {
            Matcher m = ACCOUNT_IN_ARN.matcher(role.path("Arn").asText());
            if (m.matches()) {
                return m.group(1);
            }
        }
        throw new IllegalArgumentException("the demo posture names no role ARN");
    }

    private static List<String> seedIam(IamClient iam, JsonNode posture, String account) {
        List<String> done = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (JsonNode policy : posture.path("Policies")) {
            Matcher m = ACCOUNT_IN_ARN.matcher(policy.path("Arn").asText());
            if (!m.matches() || !m.group(1).equals(account)) {
                continue; // AWS-managed policies exist already
            }
            List<JsonNode> versions = new ArrayList<>();
            policy.path("PolicyVersionList").forEach(versions::add);
            versions.sort((a, b) -> a.path("VersionId").asText().compareTo(b.path("VersionId").asText()));
            String arn = policy.path("Arn").asText();
            try {
                iam.createPolicy(b -> b.policyName(policy.path("PolicyName").asText())
                        .path(policy.path("Path").asText("/"))
                        .policyDocument(document(versions.get(0).path("Document"))));
                for (JsonNode version : versions.subList(1, versions.size())) {
                    boolean isDefault = version.path("VersionId").asText()
                            .equals(policy.path("DefaultVersionId").asText());
                    iam.createPolicyVersion(b -> b.policyArn(arn).policyDocument(document(version.path("Document")))
                            .setAsDefault(isDefault));
                }
                done.add("IAM policy " + arn + " (" + versions.size() + " versions)");
            } catch (EntityAlreadyExistsException e) {
                // seeded before
            } catch (MalformedPolicyDocumentException e) {
                refused.add(arn);
                done.add("IAM policy " + arn + " not created: IAM refuses its document ("
                        + e.awsErrorDetails().errorMessage() + ")");
            }
        }
        for (JsonNode role : posture.path("RoleDetailList")) {
            String name = role.path("RoleName").asText();
            try {
                List<Tag> tags = new ArrayList<>();
                role.path("Tags").forEach(t -> tags.add(Tag.builder().key(t.path("Key").asText())
                        .value(t.path("Value").asText()).build()));
                String named = role.path("PermissionsBoundary").path("PermissionsBoundaryArn").asText("");
                String boundary = refused.contains(named) ? "" : named;
                if (!named.equals(boundary)) {
                    done.add("IAM role " + name + " created without its boundary " + named);
                }
                iam.createRole(b -> {
                    b.roleName(name).path(role.path("Path").asText("/"))
                            .assumeRolePolicyDocument(document(role.path("AssumeRolePolicyDocument"))).tags(tags);
                    if (!boundary.isEmpty()) {
                        b.permissionsBoundary(boundary);
                    }
                });
            } catch (EntityAlreadyExistsException e) {
                continue; // seeded before, with its policies
            }
            for (JsonNode attached : role.path("AttachedManagedPolicies")) {
                if (refused.contains(attached.path("PolicyArn").asText())) {
                    continue;
                }
                try {
                    iam.attachRolePolicy(b -> b.roleName(name).policyArn(attached.path("PolicyArn").asText()));
                } catch (NoSuchEntityException e) {
                    done.add("IAM role " + name + ": policy " + attached.path("PolicyArn").asText()
                            + " is unknown to the emulator, not attached");
                }
            }
            for (JsonNode inline : role.path("RolePolicyList")) {
                iam.putRolePolicy(b -> b.roleName(name).policyName(inline.path("PolicyName").asText())
                        .policyDocument(document(inline.path("PolicyDocument"))));
            }
            done.add("IAM role " + role.path("Arn").asText());
        }
        return done;
    }

    private static List<String> readRole(IamClient iam, AwsScanConfig.CrossAccount access, String trusted,
            String partition) {
        if (!access.enabled()) {
            return List.of();
        }
        String name = access.readRoleName().substring(access.readRoleName().lastIndexOf('/') + 1);
        ObjectNode trust = JSON.createObjectNode().put("Version", "2012-10-17");
        ObjectNode statement = trust.putArray("Statement").addObject().put("Effect", "Allow")
                .put("Action", "sts:AssumeRole");
        statement.putObject("Principal").put("AWS", "arn:" + partition + ":iam::" + trusted + ":root");
        statement.putObject("Condition").putObject("StringEquals").put("sts:ExternalId", access.externalId());
        try {
            iam.createRole(b -> b.roleName(name).assumeRolePolicyDocument(trust.toString()));
            iam.attachRolePolicy(b -> b.roleName(name)
                    .policyArn("arn:" + partition + ":iam::aws:policy/SecurityAudit"));
            return List.of("IAM role " + name + " (read-only, trusts " + trusted + " with the external id)");
        } catch (EntityAlreadyExistsException e) {
            return List.of();
        } catch (NoSuchEntityException e) {
            return List.of("IAM role " + name + " (read-only, trusts " + trusted + "; SecurityAudit not attached)");
        }
    }

    /** A policy document as IAM takes it: JSON text (URL-decoded when the export holds it encoded). */
    private static String document(JsonNode node) {
        if (node.isTextual()) {
            String text = node.asText();
            return text.startsWith("%7B") ? URLDecoder.decode(text, StandardCharsets.UTF_8) : text;
        }
        return node.toString();
    }

    private static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static JsonNode readGzipJson(Path file) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
