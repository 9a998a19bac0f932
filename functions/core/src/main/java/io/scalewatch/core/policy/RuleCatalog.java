package io.scalewatch.core.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalewatch.core.finding.MaestroLayer;
import io.scalewatch.core.finding.RuleKind;
import io.scalewatch.core.finding.Severity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The rules of the compiled bundle, read from their METADATA ({@code opa inspect -a}) at build time, so the
 * CLI, the summary and the docs never keep a second hand-written list.
 */
public final class RuleCatalog {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<RuleInfo> rules;

    private RuleCatalog(List<RuleInfo> rules) {
        this.rules = List.copyOf(rules);
    }

    /** Reads the catalog from {@code opa inspect --annotations --format json} output. */
    public static RuleCatalog fromAnnotations(String inspectJson) {
        JsonNode root;
        try {
            root = JSON.readTree(inspectJson);
        } catch (JsonProcessingException e) {
            throw new PolicyBundleException("rule annotations are not valid JSON", e);
        }
        List<RuleInfo> rules = new ArrayList<>();
        for (JsonNode entry : root.path("annotations")) {
            JsonNode annotations = entry.path("annotations");
            JsonNode custom = annotations.path("custom");
            if (!"package".equals(annotations.path("scope").asText()) || !custom.hasNonNull("id")) {
                continue;
            }
            String id = custom.path("id").asText();
            try {
                rules.add(new RuleInfo(id,
                        MaestroLayer.parse(custom.path("layer").asText("")),
                        annotations.path("title").asText(""),
                        annotations.path("description").asText(""),
                        Severity.parse(custom.path("severity").asText("")),
                        new BigDecimal(custom.path("cvss_base").asText("")),
                        RuleKind.parse(custom.path("kind").asText("")),
                        strings(custom.path("clouds")),
                        strings(custom.path("attack")),
                        strings(custom.path("stratus")),
                        custom.path("remediation").asText(""),
                        packagePath(entry.path("path")),
                        entry.path("location").path("file").asText("")));
            } catch (IllegalArgumentException e) {
                throw new PolicyBundleException("METADATA of rule " + id + " is invalid: " + e.getMessage(), e);
            }
        }
        rules.sort(Comparator.comparing(RuleInfo::id));
        return new RuleCatalog(rules);
    }

    /** The catalog of the bundle shipped in the jar. */
    public static RuleCatalog fromBundle(PolicyBundle bundle) {
        return fromAnnotations(bundle.annotations());
    }

    /** Every rule, ordered by id. */
    public List<RuleInfo> rules() {
        return rules;
    }

    /** The rule with this id, if the bundle has it. */
    public Optional<RuleInfo> find(String id) {
        return rules.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** Rules grouped by MAESTRO layer, L1 first. */
    public Map<MaestroLayer, List<RuleInfo>> byLayer() {
        Map<MaestroLayer, List<RuleInfo>> out = new TreeMap<>();
        for (MaestroLayer layer : MaestroLayer.values()) {
            out.put(layer, new ArrayList<>());
        }
        rules.forEach(r -> out.get(r.layer()).add(r));
        return out;
    }

    private static String packagePath(JsonNode path) {
        List<String> parts = new ArrayList<>();
        path.forEach(p -> {
            if (!"var".equals(p.path("type").asText())) {
                parts.add(p.path("value").asText());
            }
        });
        return String.join(".", parts);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }
}
