package io.scalewatch.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A role's permissions file ({@code terraform/modules/scanner/permissions/*.json},
 * {@code terraform/modules/aws-target-access/permissions.json}): the statements Terraform turns into the role's
 * policy, each with its IAM actions, the name of its resource set, whether the code's SDK calls need it
 * ({@code source: code}) or the platform does ({@code source: platform}), and why.
 */
record Permissions(Path file, String role, List<String> sources, List<Statement> statements) {
    /** One statement of the file. */
    record Statement(String sid, String source, List<String> actions, String resources, String why) {
        Statement {
            Objects.requireNonNull(sid, "sid");
            actions = List.copyOf(actions);
        }

        boolean fromCode() {
            return "code".equals(source);
        }
    }

    Permissions {
        sources = List.copyOf(sources);
        statements = List.copyOf(statements);
    }

    static Permissions read(Path file) {
        JsonNode root;
        try {
            root = JsonMapper.builder().build().readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read permissions file " + file, e);
        }
        List<String> sources = new ArrayList<>();
        root.path("sources").forEach(s -> sources.add(s.asText()));
        List<Statement> statements = new ArrayList<>();
        for (JsonNode s : root.path("statements")) {
            List<String> actions = new ArrayList<>();
            s.path("actions").forEach(a -> actions.add(a.asText()));
            statements.add(new Statement(s.path("sid").asText(""), s.path("source").asText(""), actions,
                    s.path("resources").asText(""), s.path("why").asText("")));
        }
        return new Permissions(file, root.path("role").asText(""), sources, statements);
    }

    /** The actions of the statements the code's SDK calls account for. */
    Set<String> codeActions() {
        Set<String> actions = new TreeSet<>();
        statements.stream().filter(Statement::fromCode).forEach(s -> actions.addAll(s.actions()));
        return actions;
    }
}
