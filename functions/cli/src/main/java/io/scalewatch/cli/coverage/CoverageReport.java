package io.scalewatch.cli.coverage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalewatch.core.finding.MaestroLayer;
import io.scalewatch.core.policy.PolicyEngine;
import io.scalewatch.core.policy.RuleCatalog;
import io.scalewatch.core.policy.RuleInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Builds docs/coverage.md: which rules cover the techniques of docs/coverage/techniques.json (derived from rule
 * METADATA and corpus results, never from a hand-written list), the tests behind each rule, and the hits and
 * misses of scalewatch on the labelled corpus events that docs/coverage/corpus.json puts in scope. Fails with
 * {@link CoverageDataException} when a miss, a firing negative or an uncovered technique is not explained, or
 * when an explanation no longer applies.
 *
 * <pre>{@code
 * String markdown = CoverageReport.generate(root, corpus, engine, catalog);
 * }</pre>
 */
public final class CoverageReport {
    /** Where the data files and the doc live, relative to the repository root. */
    public static final String TECHNIQUES = "docs/coverage/techniques.json";
    public static final String CORPUS_DATA = "docs/coverage/corpus.json";
    public static final String DOC = "docs/coverage.md";
    private static final String SHAPES = "functions/core/src/test/resources/shapes/manifest.json";
    private static final Pattern TEST_RULE = Pattern.compile("^test_[A-Za-z0-9_]+\\b", Pattern.MULTILINE);
    private static final Set<String> VERDICTS = Set.of("true_positive", "false_positive", "mixed");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;
    private final RuleCatalog catalog;
    private final List<Technique> techniques;
    private final Map<String, Scope> scope;
    private final Map<String, String> misses;
    private final Map<String, NegativeFire> negativeFires;
    private final Map<String, RuleTests> tests;
    private final List<CorpusOutcome> outcomes;
    private final int labelled;
    private final int unlabelled;

    /** A source rule whose events are judged, with the MAESTRO layer of its behaviour and why it is in scope. */
    private record Scope(MaestroLayer layer, String reason) {}

    /** Why a rule firing on a source rule's negative events is right (or a known false positive). */
    private record NegativeFire(String verdict, String reason) {}

    private CoverageReport(Path root, Path corpus, PolicyEngine engine, RuleCatalog catalog) {
        this.root = root;
        this.catalog = catalog;
        this.techniques = readTechniques(read(root.resolve(TECHNIQUES)));
        JsonNode corpusData = read(root.resolve(CORPUS_DATA));
        this.scope = readScope(corpusData.path("in_scope"));
        this.misses = readStrings(corpusData.path("misses"), "misses");
        this.negativeFires = readNegativeFires(corpusData.path("negative_fires"));
        this.tests = readTests();
        List<CorpusLabel> labels = readLabels(corpus.resolve("labels.jsonl"));
        this.labelled = (int) labels.stream().filter(l -> l.expected().isPresent()).count();
        this.unlabelled = labels.size() - labelled;
        CorpusEvaluator evaluator = new CorpusEvaluator(corpus, engine);
        this.outcomes = labels.stream().filter(l -> l.expected().isPresent() && scope.containsKey(l.ruleId()))
                .map(evaluator::evaluate).toList();
        Set<String> known = labels.stream().map(CorpusLabel::ruleId).collect(Collectors.toSet());
        for (String id : scope.keySet()) {
            if (!known.contains(id)) {
                throw new CoverageDataException(CORPUS_DATA + ": in_scope names source rule " + id
                        + ", which no corpus label has");
            }
        }
    }

    /**
     * Generates the markdown of docs/coverage.md.
     *
     * @param root the repository root (data files, policies, shapes manifest)
     * @param corpus the shared corpus directory (labels.jsonl and the event files)
     * @throws CoverageDataException when the data does not explain every miss, firing negative or uncovered
     *     technique, or explains one that no longer needs it
     */
    public static String generate(Path root, Path corpus, PolicyEngine engine, RuleCatalog catalog) {
        return new CoverageReport(root, corpus, engine, catalog).render();
    }

    // ---------------------------------------------------------------- derivation

    /** A covering rule and how it was found. */
    private record Cover(String ruleId, String how) {}

    private List<Cover> covers(Technique t) {
        Map<String, List<String>> how = new TreeMap<>();
        for (RuleInfo rule : catalog.rules()) {
            for (String s : t.stratusKeys()) {
                if (rule.stratus().contains(s)) {
                    how.computeIfAbsent(rule.id(), k -> new ArrayList<>()).add("Stratus " + s);
                }
            }
        }
        for (String panther : t.pantherKeys()) {
            List<CorpusOutcome> positives = outcomes.stream()
                    .filter(o -> o.label().ruleId().equals(panther) && o.label().expected().orElse(false)).toList();
            Map<String, Integer> firedOn = new TreeMap<>();
            positives.forEach(o -> o.fired().forEach(r -> firedOn.merge(r, 1, Integer::sum)));
            firedOn.forEach((rule, n) -> how.computeIfAbsent(rule, k -> new ArrayList<>())
                    .add("fired on " + n + "/" + positives.size() + " corpus positives of " + panther));
        }
        if (how.isEmpty()) {
            // ATT&CK ids are coarse (one id spans many behaviours): they count only when nothing more exact matched
            for (RuleInfo rule : catalog.rules()) {
                for (String a : t.attack()) {
                    if (rule.attack().contains(a)) {
                        how.computeIfAbsent(rule.id(), k -> new ArrayList<>()).add("ATT&CK " + a);
                    }
                }
            }
        }
        List<Cover> out = new ArrayList<>();
        how.forEach((rule, ways) -> out.add(new Cover(rule, String.join("; ", ways.stream().distinct().toList()))));
        return out;
    }

    private List<String> validateTechniques() {
        List<String> problems = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (Technique t : techniques) {
            if (!seen.add(t.source() + ":" + t.id())) {
                problems.add(t.id() + " is listed twice");
            }
            boolean covered = !covers(t).isEmpty();
            if (!covered && t.uncovered().isBlank()) {
                problems.add(t.id() + " (" + t.layer() + ") is covered by no rule: add the Stratus id / ATT&CK id to"
                        + " the rule's METADATA if one covers it, else give \"uncovered\": \"<one-sentence reason>\"");
            }
            if (covered && !t.uncovered().isBlank()) {
                problems.add(t.id() + " is now covered by " + covers(t).stream().map(Cover::ruleId).toList()
                        + ": remove its \"uncovered\" reason");
            }
            for (String panther : t.pantherKeys()) {
                if (!scope.containsKey(panther)) {
                    problems.add(t.id() + " names Panther rule " + panther + ", which " + CORPUS_DATA
                            + " does not put in scope");
                }
            }
        }
        return problems.stream().map(p -> TECHNIQUES + ": " + p).toList();
    }

    private List<String> validateCorpus() {
        List<String> problems = new ArrayList<>();
        Set<String> missed = rulesWith(CorpusOutcome::miss);
        Set<String> negFired = rulesWith(CorpusOutcome::negativeFired);
        for (String rule : missed) {
            if (!misses.containsKey(rule)) {
                problems.add("positive events of " + rule + " fire no rule (" + where(rule, CorpusOutcome::miss)
                        + "): explain it under \"misses\"");
            }
        }
        for (String rule : misses.keySet()) {
            if (!missed.contains(rule)) {
                problems.add("\"misses\" explains " + rule + ", which has no miss any more: remove it");
            }
        }
        for (String rule : negFired) {
            if (!negativeFires.containsKey(rule)) {
                problems.add("negative events of " + rule + " fire " + firedOn(rule, CorpusOutcome::negativeFired)
                        + " (" + where(rule, CorpusOutcome::negativeFired) + "): explain it under \"negative_fires\"");
            }
        }
        for (String rule : negativeFires.keySet()) {
            if (!negFired.contains(rule)) {
                problems.add("\"negative_fires\" explains " + rule + ", whose negatives no rule fires on: remove it");
            }
        }
        return problems.stream().map(p -> CORPUS_DATA + ": " + p).toList();
    }

    private Set<String> rulesWith(Predicate<CorpusOutcome> test) {
        return outcomes.stream().filter(test).map(o -> o.label().ruleId()).collect(Collectors.toCollection(TreeSet::new));
    }

    private String where(String rule, Predicate<CorpusOutcome> test) {
        return outcomes.stream().filter(o -> o.label().ruleId().equals(rule) && test.test(o))
                .map(o -> o.label().where()).collect(Collectors.joining(", "));
    }

    private Set<String> firedOn(String rule, Predicate<CorpusOutcome> test) {
        return outcomes.stream().filter(o -> o.label().ruleId().equals(rule) && test.test(o))
                .flatMap(o -> o.fired().stream()).collect(Collectors.toCollection(TreeSet::new));
    }

    // ---------------------------------------------------------------- rendering

    private String render() {
        List<String> problems = new ArrayList<>(validateTechniques());
        problems.addAll(validateCorpus());
        if (!problems.isEmpty()) {
            throw new CoverageDataException(problems.size() + " problems:\n  " + String.join("\n  ", problems));
        }
        List<String> md = new ArrayList<>();
        md.add("# Measured coverage");
        md.add("");
        md.add("<!-- Generated by `scalewatch coverage` from docs/coverage/*.json, the rules' METADATA, their tests and"
                + " the shared corpus; do not edit by hand. -->");
        md.add("");
        md.add("Regenerate with `infra/bin/scalewatch coverage` (offline; reads `../shared/corpus`, `--corpus DIR`"
                + " overrides). `CoverageDocTest` fails when this file is stale.");
        md.add("");
        renderTechniques(md);
        renderRules(md);
        renderCorpus(md);
        return String.join("\n", md) + "\n";
    }

    private void renderTechniques(List<String> md) {
        long covered = techniques.stream().filter(t -> !covers(t).isEmpty()).count();
        md.add("## Techniques relevant to an autoscaler identity");
        md.add("");
        md.add(techniques.size() + " techniques (" + count("stratus") + " Stratus Red Team, " + count("sigma")
                + " Sigma, " + count("panther") + " Panther), " + covered + " covered, "
                + (techniques.size() - covered) + " not. A rule covers a technique when its METADATA lists the"
                + " technique's Stratus id (or that of the same behaviour), or when it fired on the positive corpus"
                + " events of the Panther rule for the same behaviour; failing both, when its METADATA lists one of"
                + " the technique's ATT&CK ids. The list is"
                + " `" + TECHNIQUES + "`; Stratus ids are those of DataDog/stratus-red-team's technique pages.");
        md.add("");
        for (MaestroLayer layer : MaestroLayer.values()) {
            List<Technique> inLayer = techniques.stream().filter(t -> t.layer() == layer).toList();
            if (inLayer.isEmpty()) {
                continue;
            }
            md.add("### " + layer + " " + layer.title());
            md.add("");
            md.add("| technique | source | covered by | how | tests |");
            md.add("|---|---|---|---|---|");
            for (Technique t : inLayer) {
                List<Cover> covers = covers(t);
                String name = t.source().equals("stratus") ? "`" + t.id() + "`" : cell(t.title());
                if (covers.isEmpty()) {
                    md.add("| " + name + " | " + t.source() + " | **none** | " + cell(t.uncovered()) + " | |");
                    continue;
                }
                md.add("| " + name + " | " + t.source() + " | "
                        + covers.stream().map(Cover::ruleId).collect(Collectors.joining(", ")) + " | "
                        + cell(covers.stream().map(c -> c.ruleId() + ": " + c.how()).collect(Collectors.joining("; ")))
                        + " | " + covers.stream().map(c -> testSummary(c.ruleId())).collect(Collectors.joining("; "))
                        + " |");
            }
            md.add("");
        }
        List<String> unknown = new ArrayList<>();
        Set<String> listed = techniques.stream().filter(t -> t.source().equals("stratus")).map(Technique::id)
                .collect(Collectors.toSet());
        for (RuleInfo rule : catalog.rules()) {
            rule.stratus().stream().filter(s -> !listed.contains(s))
                    .forEach(s -> unknown.add(rule.id() + " `" + s + "`"));
        }
        if (!unknown.isEmpty()) {
            md.add("Stratus ids in rule METADATA that the technique list does not hold (not relevant to an autoscaler,"
                    + " or to be added): " + String.join(", ", unknown) + ".");
            md.add("");
        }
    }

    private String testSummary(String ruleId) {
        RuleTests t = tests.get(ruleId);
        if (t == null || t.testFile().isEmpty()) {
            return ruleId + ": no test file";
        }
        return ruleId + ": " + t.testRules() + " Rego tests" + (t.shapeFixtures().isEmpty() ? ""
                : ", " + t.shapeFixtures().size() + " real-shape fixtures");
    }

    private void renderRules(List<String> md) {
        md.add("## Rules and the tests that exercise them");
        md.add("");
        md.add("Rego tests: the `test_` rules of the rule's `_test.rego` (`opa test policies`). Real-shape fixtures:"
                + " raw GCP / Azure records that `RealShapeRulesTest` runs through the normalizer and both engines"
                + " and expects to fire the rule (`" + SHAPES + "`).");
        md.add("");
        md.add("| rule | kind | title | test file | Rego tests | real-shape fixtures |");
        md.add("|---|---|---|---|---|---|");
        for (RuleInfo rule : catalog.rules()) {
            RuleTests t = tests.get(rule.id());
            md.add("| " + rule.id() + " | " + rule.kind().id() + " | " + cell(rule.title()) + " | "
                    + (t.testFile().isEmpty() ? "**none**" : "`" + t.testFile() + "`") + " | " + t.testRules() + " | "
                    + (t.shapeFixtures().isEmpty() ? "" : String.join(", ", t.shapeFixtures())) + " |");
        }
        md.add("");
    }

    private void renderCorpus(List<String> md) {
        md.add("## Corpus hits and misses");
        md.add("");
        md.add("Every labelled event of the source rules below (`" + CORPUS_DATA + "`, `in_scope`: behaviour an"
                + " autoscaler identity could show) is scanned on its own with every principal in scope (as `scan"
                + " --all-principals`), castai profile, default settings; console logins, root and MFA, SSO/Okta,"
                + " SES and similar human-account rules are out of scope. A positive (`expected_result` true for the"
                + " source rule) is a **hit** when any scalewatch rule fires, a **miss** otherwise; a negative is"
                + " **quiet** or **fired**. Each miss and each firing negative is explained in `" + CORPUS_DATA
                + "` (the generator fails otherwise).");
        md.add("");
        md.add(outcomes.size() + " of the corpus's " + labelled + " labelled events are in scope (" + scope.size()
                + " source rules); its " + unlabelled + " records of recorded attack scenarios carry no expected"
                + " result per rule and are not judged here.");
        md.add("");
        md.add("### Totals per cloud");
        md.add("");
        totals(md, "cloud", o -> o.label().cloud(), List.of("aws", "gcp", "azure"));
        md.add("### Totals per layer");
        md.add("");
        totals(md, "layer", o -> scope.get(o.label().ruleId()).layer().name(),
                java.util.Arrays.stream(MaestroLayer.values()).map(Enum::name).toList());
        md.add("### Per source rule");
        md.add("");
        md.add("| source rule | cloud | layer | hits | misses | quiet | fired | scalewatch rules fired |");
        md.add("|---|---|---|---|---|---|---|---|");
        Map<String, List<CorpusOutcome>> byRule = new TreeMap<>();
        outcomes.forEach(o -> byRule.computeIfAbsent(o.label().ruleId() + "\t" + o.label().cloud(),
                k -> new ArrayList<>()).add(o));
        byRule.forEach((key, list) -> {
            String[] parts = key.split("\t", 2);
            Set<String> fired = list.stream().flatMap(o -> o.fired().stream())
                    .collect(Collectors.toCollection(TreeSet::new));
            md.add("| " + parts[0] + " | " + parts[1] + " | " + scope.get(parts[0]).layer() + " | "
                    + list.stream().filter(CorpusOutcome::hit).count() + " | "
                    + list.stream().filter(CorpusOutcome::miss).count() + " | "
                    + list.stream().filter(CorpusOutcome::quiet).count() + " | "
                    + list.stream().filter(CorpusOutcome::negativeFired).count() + " | " + String.join(", ", fired)
                    + " |");
        });
        md.add("");
        md.add("### Misses, explained");
        md.add("");
        md.add("| source rule | events | why scalewatch stays quiet |");
        md.add("|---|---|---|");
        misses.forEach((rule, why) -> md.add("| " + rule + " | " + where(rule, CorpusOutcome::miss) + " | "
                + cell(why) + " |"));
        md.add("");
        md.add("### Negatives that fire, judged");
        md.add("");
        md.add("A negative belongs to the source rule only: the same call can be what scalewatch must report for an"
                + " autoscaler identity (true positive for us) or a false positive.");
        md.add("");
        md.add("| source rule | events | fired | verdict | why |");
        md.add("|---|---|---|---|---|");
        negativeFires.forEach((rule, nf) -> md.add("| " + rule + " | " + where(rule, CorpusOutcome::negativeFired)
                + " | " + String.join(", ", firedOn(rule, CorpusOutcome::negativeFired)) + " | "
                + nf.verdict().replace('_', ' ') + " | " + cell(nf.reason()) + " |"));
        md.add("");
        md.add("### Source rules in scope");
        md.add("");
        md.add("| source rule | layer | why an autoscaler identity could show it |");
        md.add("|---|---|---|");
        scope.forEach((rule, s) -> md.add("| " + rule + " | " + s.layer() + " | " + cell(s.reason()) + " |"));
        md.add("");
        List<CorpusOutcome> quarantined = outcomes.stream().filter(o -> !o.quarantine().isEmpty()).toList();
        if (!quarantined.isEmpty()) {
            md.add("In-scope records the reader quarantined (they count as quiet / miss): " + quarantined.stream()
                    .map(o -> o.label().where()).collect(Collectors.joining(", ")) + ".");
            md.add("");
        }
    }

    private void totals(List<String> md, String column, java.util.function.Function<CorpusOutcome, String> key,
            List<String> order) {
        md.add("| " + column + " | positives | hits | misses | negatives | quiet | fired |");
        md.add("|---|---|---|---|---|---|---|");
        Map<String, List<CorpusOutcome>> groups = new LinkedHashMap<>();
        order.forEach(k -> groups.put(k, new ArrayList<>()));
        outcomes.forEach(o -> groups.get(key.apply(o)).add(o));
        groups.put("total", outcomes);
        groups.forEach((k, list) -> {
            if (list.isEmpty()) {
                return;
            }
            long hits = list.stream().filter(CorpusOutcome::hit).count();
            long missed = list.stream().filter(CorpusOutcome::miss).count();
            long quiet = list.stream().filter(CorpusOutcome::quiet).count();
            long fired = list.stream().filter(CorpusOutcome::negativeFired).count();
            String label = k.equals("total") ? "**total**" : k;
            md.add("| " + label + " | " + (hits + missed) + " | " + hits + " | " + missed + " | " + (quiet + fired)
                    + " | " + quiet + " | " + fired + " |");
        });
        md.add("");
    }

    private long count(String source) {
        return techniques.stream().filter(t -> t.source().equals(source)).count();
    }

    private static String cell(String text) {
        return String.join(" ", text.split("\\s+")).replace("|", "\\|");
    }

    // ---------------------------------------------------------------- reading

    private Map<String, RuleTests> readTests() {
        JsonNode manifest = read(root.resolve(SHAPES));
        Map<String, RuleTests> out = new TreeMap<>();
        for (RuleInfo rule : catalog.rules()) {
            String file = rule.file().replaceFirst("\\.rego$", "_test.rego");
            Path path = root.resolve(file);
            int count = 0;
            if (!rule.file().isEmpty() && Files.isRegularFile(path)) {
                try {
                    count = (int) TEST_RULE.matcher(Files.readString(path, StandardCharsets.UTF_8)).results().count();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + path, e);
                }
            } else {
                file = "";
            }
            List<String> fixtures = new ArrayList<>();
            for (JsonNode fixture : manifest.path("fixtures")) {
                for (JsonNode id : fixture.path("expect")) {
                    if (id.asText().equals(rule.id())) {
                        fixtures.add(fixture.path("file").asText());
                    }
                }
            }
            out.put(rule.id(), new RuleTests(file, count, fixtures));
        }
        return out;
    }

    private static List<Technique> readTechniques(JsonNode root) {
        List<Technique> out = new ArrayList<>();
        for (JsonNode node : root.path("techniques")) {
            String id = node.path("id").asText("");
            MaestroLayer layer;
            try {
                layer = MaestroLayer.parse(node.path("layer").asText(""));
            } catch (IllegalArgumentException e) {
                throw new CoverageDataException(TECHNIQUES + ": technique " + id + ": " + e.getMessage(), e);
            }
            out.add(new Technique(layer, node.path("source").asText(""), id, node.path("title").asText(""),
                    strings(node.path("stratus")), strings(node.path("attack")), strings(node.path("panther")),
                    node.path("uncovered").asText("")));
        }
        if (out.isEmpty()) {
            throw new CoverageDataException(TECHNIQUES + " lists no techniques (expected {\"techniques\": [...]})");
        }
        return out;
    }

    private static Map<String, Scope> readScope(JsonNode node) {
        Map<String, Scope> out = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String reason = e.getValue().path("reason").asText("");
            if (reason.isBlank()) {
                throw new CoverageDataException(CORPUS_DATA + ": in_scope." + e.getKey() + " needs a one-line reason");
            }
            try {
                out.put(e.getKey(), new Scope(MaestroLayer.parse(e.getValue().path("layer").asText("")), reason));
            } catch (IllegalArgumentException ex) {
                throw new CoverageDataException(CORPUS_DATA + ": in_scope." + e.getKey() + ": " + ex.getMessage(), ex);
            }
        }
        if (out.isEmpty()) {
            throw new CoverageDataException(CORPUS_DATA + " puts no source rule in scope (expected \"in_scope\": {...})");
        }
        return out;
    }

    private static Map<String, String> readStrings(JsonNode node, String name) {
        Map<String, String> out = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual() || e.getValue().asText().isBlank()) {
                throw new CoverageDataException(CORPUS_DATA + ": " + name + "." + e.getKey()
                        + " must be a non-empty explanation string");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    private static Map<String, NegativeFire> readNegativeFires(JsonNode node) {
        Map<String, NegativeFire> out = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String verdict = e.getValue().path("verdict").asText("");
            String reason = e.getValue().path("reason").asText("");
            if (!VERDICTS.contains(verdict) || reason.isBlank()) {
                throw new CoverageDataException(CORPUS_DATA + ": negative_fires." + e.getKey() + " needs \"verdict\" ("
                        + String.join(" or ", new TreeSet<>(VERDICTS)) + ") and a \"reason\", got " + e.getValue());
            }
            out.put(e.getKey(), new NegativeFire(verdict, reason));
        }
        return out;
    }

    private static List<CorpusLabel> readLabels(Path file) {
        List<CorpusLabel> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    out.add(CorpusLabel.of(JSON.readTree(line)));
                }
            }
        } catch (IOException e) {
            throw new CoverageDataException("cannot read corpus labels " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CoverageDataException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }
}
