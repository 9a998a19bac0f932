package io.scalewatch.lambda;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment variables {@code terraform/modules/scanner/environment.tf} sets per function. The file is
 * {@code terraform fmt}-canonical (checked by infra/bin/check-terraform): each {@code <name>_environment = ... {}
 * map holds one {@code SCALEWATCH_X = value} per line, and the closing {@code environment} map names, per function,
 * the maps it merges ({@code aws = merge(local.shared_environment, local.aws_environment)}).
 */
final class TerraformEnvironment {
    private static final Pattern MAP_START = Pattern.compile("^  ([a-z_]+)_environment = .*\\{$");
    private static final Pattern ENTRY = Pattern.compile("^    ([A-Z][A-Z0-9_]*) += .+$");
    private static final Pattern FUNCTION = Pattern.compile("^      ([a-z]+) += (merge\\((.+)\\)|local\\.([a-z_]+))$");
    private static final Pattern LOCAL_REF = Pattern.compile("local\\.([a-z_]+)_environment");

    private TerraformEnvironment() {}

    /** Function name to the variable names Terraform sets for it. */
    static Map<String, Set<String>> read(Path environmentTf) {
        List<String> lines;
        try {
            lines = Files.readAllLines(environmentTf);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + environmentTf, e);
        }
        Map<String, Set<String>> maps = new LinkedHashMap<>();
        Map<String, Set<String>> functions = new LinkedHashMap<>();
        String open = null;
        for (String line : lines) {
            Matcher start = MAP_START.matcher(line);
            if (start.matches()) {
                open = start.group(1);
                maps.put(open, new TreeSet<>());
                continue;
            }
            if ("  }".equals(line)) {
                open = null;
                continue;
            }
            Matcher entry = ENTRY.matcher(line);
            if (open != null && entry.matches()) {
                maps.get(open).add(entry.group(1));
            }
            Matcher function = FUNCTION.matcher(line);
            if (function.matches()) {
                Set<String> names = new TreeSet<>();
                Matcher ref = LOCAL_REF.matcher(function.group(2));
                while (ref.find()) {
                    Set<String> map = maps.get(ref.group(1));
                    if (map == null) {
                        throw new IllegalStateException(environmentTf + ": function " + function.group(1)
                                + " merges local." + ref.group(1) + "_environment, which is not defined above it");
                    }
                    names.addAll(map);
                }
                functions.put(function.group(1), names);
            }
        }
        if (functions.isEmpty()) {
            throw new IllegalStateException(environmentTf + ": no `environment = { <function> = merge(...) }` map found");
        }
        return functions;
    }
}
