package io.scalewatch.core.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.scalewatch.core.event.AuditEvent;
import io.scalewatch.core.event.CloudProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * Reads the whole shared corpus (DESIGN.md §8): nothing throws, every record is either normalized or
 * quarantined with a reason, every event serializes as policy input, at least 95% of each cloud's records
 * normalize, what the normalizers tolerated is stated on the event in documented phrases, and the records
 * that cannot be normalized are exactly the reviewed list in {@code normalize/corpus-quarantine.tsv}.
 */
class CorpusConformanceTest {
    /** The product requirement: at least this share of each cloud's records normalize. */
    private static final double MIN_NORMALIZED = 0.95;
    private static final Set<String> TIME_KEYS = Set.of("eventtime", "@timestamp", "p_event_time", "timestamp",
            "receivetimestamp", "time", "timegenerated", "eventtimestamp");

    /** Per cloud: events normalized with at least one issue, and undated ones. */
    private record IssueTally(long withIssues, long undated) {
        IssueTally plus(IssueTally other) {
            return new IssueTally(withIssues + other.withIssues, undated + other.undated);
        }
    }

    @Test
    void read_wholeCorpus_everyRecordNormalizedOrQuarantinedWithReason() throws IOException {
        Path corpus = corpus();
        List<Path> files = corpusFiles(corpus);
        assertThat(files).as("audit-log files under %s", corpus).isNotEmpty();
        Map<CloudProvider, ReadCounts.Counts> perCloud = new EnumMap<>(CloudProvider.class);
        Map<CloudProvider, IssueTally> issuesPerCloud = new EnumMap<>(CloudProvider.class);
        Map<CloudProvider, Map<String, Long>> issueCounts = new EnumMap<>(CloudProvider.class);
        Set<String> quarantinedKeys = new TreeSet<>();
        List<String> problems = new ArrayList<>();

        for (Path file : files) {
            String name = corpus.relativize(file).toString().replace('\\', '/');
            CloudProvider cloud = cloudOfDirectory(name);
            List<QuarantinedRecord> quarantined = new ArrayList<>();
            long[] events = {0, 0, 0};
            ReadCounts counts = AuditLogReader.create().read(file, RecordSink.of(event -> {
                events[0]++;
                events[1] += event.metadata().hasIssues() ? 1 : 0;
                events[2] += event.dated() ? 0 : 1;
                event.metadata().issues().forEach(issue -> issueCounts.computeIfAbsent(cloud, c -> new TreeMap<>())
                        .merge(issue, 1L, Long::sum));
                checkEvent(name, event, problems);
            }, quarantined::add));

            long lines = nonBlankLines(file);
            assertThat(counts.read()).as("%s: records read vs. non-blank lines", name).isEqualTo(lines);
            assertThat(counts.normalized() + counts.quarantined()).as("%s: normalized + quarantined", name)
                    .isEqualTo(counts.read());
            assertThat(events[0]).as("%s: events delivered", name).isEqualTo(counts.normalized());
            assertThat((long) quarantined.size()).as("%s: quarantined delivered", name).isEqualTo(counts.quarantined());
            for (CloudProvider other : CloudProvider.values()) {
                if (other != cloud) {
                    assertThat(counts.of(other).read()).as("%s: records routed to %s", name, other).isZero();
                }
            }
            for (QuarantinedRecord q : quarantined) {
                assertThat(q.reason()).as("%s:%d reason", name, q.line()).isNotBlank();
                assertThat(q.source()).isEqualTo(file.toString());
                quarantinedKeys.add(name + "\t" + q.line() + "\t" + q.cloud().map(CloudProvider::id).orElse("unknown")
                        + "\t" + q.kind().id());
            }
            checkRecordsWithTimeAreDated(name, file, problems);
            ReadCounts.Counts ofCloud = counts.of(cloud).plus(counts.unknown());
            perCloud.merge(cloud, ofCloud, ReadCounts.Counts::plus);
            issuesPerCloud.merge(cloud, new IssueTally(events[1], events[2]), IssueTally::plus);
        }

        System.out.printf("%nCorpus conformance (%s)%n%-6s %6s %11s %12s %9s %12s %8s%n", corpus, "cloud", "read",
                "normalized", "quarantined", "share", "with issues", "undated");
        perCloud.forEach((cloud, c) -> System.out.printf("%-6s %6d %11d %12d %8.1f%% %12d %8d%n", cloud.id(),
                c.read(), c.normalized(), c.quarantined(), 100 * c.normalizedRatio(),
                issuesPerCloud.get(cloud).withIssues(), issuesPerCloud.get(cloud).undated()));
        issueCounts.forEach((cloud, counts) -> {
            System.out.printf("Issues of %s events:%n", cloud.id());
            counts.forEach((issue, n) -> System.out.printf("%6d  %s%n", n, issue));
        });

        assertThat(problems).as("events that do not serialize as policy input / misread timestamps").isEmpty();
        assertThat(perCloud.keySet()).as("clouds in the corpus").containsExactlyInAnyOrder(CloudProvider.values());
        assertQuarantineMatchesReviewedList(quarantinedKeys);
        for (CloudProvider cloud : CloudProvider.values()) {
            assertThat(perCloud.get(cloud).normalizedRatio()).as("%s normalized share", cloud.id())
                    .isGreaterThanOrEqualTo(MIN_NORMALIZED);
        }
    }

    @Test
    void normalizationIssues_everyPhrase_listedInDocs() throws IOException {
        Path docs = repositoryRoot().resolve("docs").resolve("normalization.md");
        String text = Files.readString(docs);

        assertThat(NormalizationIssues.ALL).doesNotHaveDuplicates();
        assertThat(NormalizationIssues.ALL.stream().filter(issue -> !text.contains("`" + issue + "`")).toList())
                .as("issues not listed in %s", docs).isEmpty();
    }

    private static void assertQuarantineMatchesReviewedList(Set<String> actual) throws IOException {
        Set<String> expected = new LinkedHashSet<>();
        for (String line : Files.readAllLines(Fixtures.path("corpus-quarantine.tsv"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                expected.add(line);
            }
        }
        Set<String> added = new TreeSet<>(actual);
        added.removeAll(expected);
        Set<String> gone = new TreeSet<>(expected);
        gone.removeAll(actual);
        if (!added.isEmpty() || !gone.isEmpty()) {
            fail("quarantined corpus records differ from the reviewed list normalize/corpus-quarantine.tsv;"
                    + " review each record, then update the list.%n  newly quarantined:%n    %s%n"
                    + "  no longer quarantined:%n    %s",
                    String.join("\n    ", added), String.join("\n    ", gone));
        }
    }

    // Policy input is complete; undated events say so, have no time in the input, and every issue is documented.
    private static void checkEvent(String file, AuditEvent event, List<String> problems) {
        String uid = event.metadata().uid();
        List<String> issues = event.metadata().issues();
        if (!NormalizationIssues.ALL.containsAll(issues)) {
            problems.add(file + ": event " + uid + " has undocumented issues " + issues);
        }
        if (event.dated() == issues.contains(NormalizationIssues.NO_EVENT_TIME)) {
            problems.add(file + ": event " + uid + " dated=" + event.dated() + " but issues " + issues);
        }
        try {
            JsonNode input = Fixtures.MAPPER.readTree(Fixtures.policyJson(event));
            List<String> written = new ArrayList<>();
            input.path("metadata").path("issues").forEach(issue -> written.add(issue.asText()));
            if (!input.path("metadata").path("uid").isTextual() || input.path("api").path("action").asText().isEmpty()
                    || input.path("time_ms").isNumber() != event.dated() || input.has("time")
                    || !written.equals(issues)) {
                problems.add(file + ": incomplete policy input " + input);
            }
        } catch (IOException | RuntimeException e) {
            problems.add(file + ": event " + uid + " does not serialize: " + e);
        }
    }

    // A record with an event time at its top level must never become undated.
    private static void checkRecordsWithTimeAreDated(String name, Path file, List<String> problems)
            throws IOException {
        List<String> lines = lines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || !hasTopLevelTime(Fixtures.json(line))) {
                continue;
            }
            for (AuditEvent event : Fixtures.readText(line).events()) {
                if (!event.dated()) {
                    problems.add(name + ":" + (i + 1) + " has a time but became undated: " + event.metadata().issues());
                }
            }
        }
    }

    private static boolean hasTopLevelTime(JsonNode record) {
        for (Iterator<String> names = record.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            if (TIME_KEYS.contains(key.toLowerCase(Locale.ROOT)) && record.get(key).isTextual()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The corpus: {@code -Dscalewatch.corpus}, else {@code <root>/../shared/corpus} for the repository root
     * {@code scalewatch.root} and each of its ancestors (a git worktree sits deeper than the main checkout).
     */
    static Path corpus() {
        List<Path> tried = new ArrayList<>();
        String override = System.getProperty("scalewatch.corpus", "");
        if (!override.isBlank()) {
            tried.add(Path.of(override));
        }
        String root = System.getProperty("scalewatch.root", "");
        for (Path dir = repositoryRoot(); dir != null && dir.getParent() != null; dir = dir.getParent()) {
            tried.add(dir.getParent().resolve("shared").resolve("corpus"));
        }
        for (Path candidate : tried) {
            if (Files.isDirectory(candidate.resolve("aws")) && Files.isDirectory(candidate.resolve("gcp"))
                    && Files.isDirectory(candidate.resolve("azure"))) {
                return candidate;
            }
        }
        return fail("shared audit-log corpus not found (scalewatch.root=%s); looked for aws/, gcp/, azure/ in:%n  %s%n"
                + "set -Dscalewatch.corpus=<dir> to point at it", root, String.join("\n  ", tried.stream()
                .map(Path::toString).toList()));
    }

    /** The repository root: {@code scalewatch.root}, else the working directory. */
    static Path repositoryRoot() {
        String root = System.getProperty("scalewatch.root", "");
        return (root.isBlank() ? Path.of("") : Path.of(root)).toAbsolutePath().normalize();
    }

    private static List<Path> corpusFiles(Path corpus) throws IOException {
        try (Stream<Path> walk = Files.walk(corpus)) {
            return walk.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("README"))
                    // labels.jsonl describes the events (rule ids, expected results); it holds no events
                    .filter(f -> !f.getFileName().toString().equals("labels.jsonl"))
                    .sorted()
                    .toList();
        }
    }

    private static CloudProvider cloudOfDirectory(String relative) {
        String dir = relative.substring(0, Math.max(0, relative.indexOf('/')));
        try {
            return CloudProvider.fromId(dir);
        } catch (IllegalArgumentException e) {
            return fail("corpus file %s is not under aws/, gcp/ or azure/", relative);
        }
    }

    private static long nonBlankLines(Path file) throws IOException {
        return lines(file).stream().filter(l -> !l.isBlank()).count();
    }

    private static List<String> lines(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().toList();
        }
    }
}
