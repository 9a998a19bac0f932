package io.scalewatch.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The checkout's deployment files and compiled classes, as the contract tests read them. */
final class Deployment {
    /** The modules whose classes the Lambda jar bundles (this module's dependencies). */
    static final List<String> FUNCTION_MODULES = List.of("core", "aws", "gcp", "azure");

    /** One function of {@code terraform/modules/scanner/functions.json}. */
    record Function(String name, String handler, String environmentClass, Path permissions,
            List<String> requiredEnvironment) {}

    private static Bytecode mainClasses;

    private Deployment() {}

    static Path root() {
        String root = System.getProperty("scalewatch.root", "");
        if (root.isBlank()) {
            throw new IllegalStateException("system property scalewatch.root is not set (the Maven build sets it)");
        }
        return Path.of(root);
    }

    static Path scannerModule() {
        return root().resolve("terraform/modules/scanner");
    }

    static Map<String, Function> functions() {
        Path file = scannerModule().resolve("functions.json");
        JsonNode manifest;
        try {
            manifest = JsonMapper.builder().build().readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
        Map<String, Function> functions = new LinkedHashMap<>();
        manifest.path("functions").fields().forEachRemaining(e -> {
            JsonNode f = e.getValue();
            List<String> required = new ArrayList<>();
            f.path("required_environment").forEach(r -> required.add(r.asText()));
            functions.put(e.getKey(), new Function(e.getKey(), f.path("handler").asText(""),
                    f.path("environment_class").asText(""), scannerModule().resolve(f.path("permissions").asText("")),
                    List.copyOf(required)));
        });
        if (functions.isEmpty()) {
            throw new IllegalStateException(file + " names no functions");
        }
        return functions;
    }

    static List<Path> mainClassDirs() {
        return FUNCTION_MODULES.stream().map(m -> root().resolve("functions").resolve(m).resolve("target/classes"))
                .toList();
    }

    /** The compiled classes of the function modules, read once per test run. */
    static synchronized Bytecode mainClasses() {
        if (mainClasses == null) {
            mainClasses = Bytecode.read(mainClassDirs());
        }
        return mainClasses;
    }

    /** The IAM actions the SDK calls reachable from the roots need. */
    static Set<String> neededActions(Bytecode code, List<String> roots) {
        Set<String> reachable = code.reachable(roots);
        return new TreeSet<>(IamActions.needed(code.sdkCalls(reachable), code.sdkServiceClasses(reachable)));
    }
}
