package io.scalewatch.aws.sink;

import io.scalewatch.core.checkpoint.CheckpointKey;
import io.scalewatch.core.identity.IdentitySlug;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The S3 object keys scalewatch writes (DESIGN.md §7; a contract, Athena/Glue-friendly {@code name=value}
 * partitions):
 * <pre>{@code
 * [prefix/]findings/cloud=<c>/account=<a>/identity=<slug>/date=<yyyy-mm-dd>/<run-id>.jsonl.gz
 * [prefix/]ocsf/cloud=<c>/account=<a>/identity=<slug>/date=<yyyy-mm-dd>/<run-id>.jsonl.gz
 * [prefix/]summaries/cloud=<c>/account=<a>/identity=<slug>/date=<yyyy-mm-dd>/<run-id>.json
 * [prefix/]summaries/cloud=<c>/account=<a>/identity=<slug>/latest.json
 * [prefix/]reports/cloud=<c>/account=<a>/identity=<slug>/date=<yyyy-mm-dd>/<run-id>.html
 * [prefix/]usage/cloud=<c>/account=<a>/identity=<slug>/date=<yyyy-mm-dd>/<run-id>.json
 * [prefix/]quarantine/cloud=<c>/account=<a>/identity=<slug>/date=<yyyy-mm-dd>/<run-id>.jsonl.gz
 * [prefix/]state/cloud=<c>/account=<a>/region=<r>/identity=<slug>/checkpoint.json
 * [prefix/]state/cloud=<c>/account=<a>/region=<r>/identity=<slug>/baseline.json
 * }</pre>
 * {@code cloud} is a {@link io.scalewatch.core.event.CloudProvider#id()} ({@code multi} for a report that spans
 * clouds); values that come from logs (account, region, run id) are escaped with {@link #partitionValue(String)};
 * the identity is its {@link IdentitySlug}.
 */
public final class S3Layout {
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9!_.*'()=-]+(/[A-Za-z0-9!_.*'()=-]+)*");
    private static final int MAX_VALUE_CHARS = 128;
    private static final String UNKNOWN = "unknown";

    private final String root;

    private S3Layout(String root) {
        this.root = root;
    }

    /**
     * The layout under {@code prefix}: empty for the bucket root, else path segments of S3's safe characters
     * ({@code A-Z a-z 0-9 ! _ . * ' ( ) = -}) joined by single slashes; leading and trailing slashes are ignored.
     *
     * @throws IllegalArgumentException naming the prefix and what is valid
     */
    public static S3Layout of(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        String trimmed = prefix.replaceAll("^/+|/+$", "");
        if (trimmed.isEmpty()) {
            return new S3Layout("");
        }
        if (!PREFIX.matcher(trimmed).matches() || trimmed.matches("(.*/)?\\.{1,2}(/.*)?")) {
            throw new IllegalArgumentException("S3 prefix '" + prefix + "' must be path segments of A-Z a-z 0-9 "
                    + "! _ . * ' ( ) = - joined by single slashes, without . or .. segments");
        }
        return new S3Layout(trimmed + "/");
    }

    /** The prefix every key starts with: empty or ending in a slash. */
    public String root() {
        return root;
    }

    /** The gzip JSON Lines object of one run's findings in one cloud account. */
    public String findings(String cloud, String account, String identity, LocalDate date, String runId) {
        return dated("findings", cloud, account, identity, date) + partitionValue(runId) + ".jsonl.gz";
    }

    /** The gzip JSON Lines object of one run's findings in one cloud account as OCSF Detection Findings. */
    public String ocsfFindings(String cloud, String account, String identity, LocalDate date, String runId) {
        return dated("ocsf", cloud, account, identity, date) + partitionValue(runId) + ".jsonl.gz";
    }

    /** The summary of one run. */
    public String summary(String cloud, String account, String identity, LocalDate date, String runId) {
        return dated("summaries", cloud, account, identity, date) + partitionValue(runId) + ".json";
    }

    /** The summary of the latest run of an identity: the one object that is replaced (by newer runs only). */
    public String latestSummary(String cloud, String account, String identity) {
        return base("summaries", cloud, account, identity) + "latest.json";
    }

    /** The HTML report of one run ({@link io.scalewatch.core.report.html.HtmlReport}), beside its summary. */
    public String htmlReport(String cloud, String account, String identity, LocalDate date, String runId) {
        return dated("reports", cloud, account, identity, date) + partitionValue(runId) + ".html";
    }

    /** The used-versus-granted report of one run ({@link io.scalewatch.core.report.UsageJson}), beside its summary. */
    public String usage(String cloud, String account, String identity, LocalDate date, String runId) {
        return dated("usage", cloud, account, identity, date) + partitionValue(runId) + ".json";
    }

    /** The gzip JSON Lines object of one run's quarantined records. */
    public String quarantine(String cloud, String account, String identity, LocalDate date, String runId) {
        return dated("quarantine", cloud, account, identity, date) + partitionValue(runId) + ".jsonl.gz";
    }

    /** The checkpoint of one (cloud, account, region, identity). */
    public String checkpoint(CheckpointKey key) {
        return root + "state/cloud=" + key.cloud().id() + "/account=" + partitionValue(key.account())
                + "/region=" + partitionValue(key.region()) + "/identity=" + IdentitySlug.of(key.identity())
                + "/checkpoint.json";
    }

    /** The behaviour history (baseline) of one (cloud, account, region, identity), beside its checkpoint. */
    public String baseline(CheckpointKey key) {
        String checkpoint = checkpoint(key);
        return checkpoint.substring(0, checkpoint.length() - "checkpoint.json".length()) + "baseline.json";
    }

    /**
     * A value safe in one key segment: {@code A-Z a-z 0-9 . _ -} kept, every other UTF-8 byte as {@code %XX}
     * (as Hive escapes partition values), {@code unknown} for an empty value; a value that would exceed 128
     * characters escaped, or that is only dots, becomes its {@link IdentitySlug}.
     */
    public static String partitionValue(String value) {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty()) {
            return UNKNOWN;
        }
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-')) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        String escaped = out.toString();
        if (escaped.length() > MAX_VALUE_CHARS || escaped.matches("\\.+")) {
            return IdentitySlug.of(value);
        }
        return escaped;
    }

    private String dated(String kind, String cloud, String account, String identity, LocalDate date) {
        return base(kind, cloud, account, identity) + "date=" + date + "/";
    }

    private String base(String kind, String cloud, String account, String identity) {
        return root + kind + "/cloud=" + partitionValue(cloud) + "/account=" + partitionValue(account) + "/identity="
                + IdentitySlug.of(identity) + "/";
    }
}
