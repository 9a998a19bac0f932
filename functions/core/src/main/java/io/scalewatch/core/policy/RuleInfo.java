package io.scalewatch.core.policy;

import io.scalewatch.core.finding.MaestroLayer;
import io.scalewatch.core.finding.RuleKind;
import io.scalewatch.core.finding.Severity;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * One rule as its METADATA describes it (DESIGN.md §4), read from the compiled bundle's annotations.
 *
 * @param packagePath the Rego package, e.g. {@code scalewatch.maestro.l4.gpu_instance_launch}
 * @param file the policy file, relative to the repository root
 */
public record RuleInfo(
        String id,
        MaestroLayer layer,
        String title,
        String description,
        Severity severity,
        BigDecimal cvssBase,
        RuleKind kind,
        List<String> clouds,
        List<String> attack,
        List<String> stratus,
        String remediation,
        String packagePath,
        String file) {
    public RuleInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(layer, "layer");
        title = Objects.requireNonNullElse(title, "");
        description = Objects.requireNonNullElse(description, "");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(cvssBase, "cvssBase");
        Objects.requireNonNull(kind, "kind");
        clouds = List.copyOf(clouds);
        attack = List.copyOf(attack);
        stratus = List.copyOf(stratus);
        remediation = Objects.requireNonNullElse(remediation, "");
        packagePath = Objects.requireNonNullElse(packagePath, "");
        file = Objects.requireNonNullElse(file, "");
    }
}
