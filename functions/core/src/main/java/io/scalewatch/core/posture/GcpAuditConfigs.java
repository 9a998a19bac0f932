package io.scalewatch.core.posture;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Data Access audit log configuration of a GCP IAM policy ({@code auditConfigs} of a project, folder or
 * organization {@code getIamPolicy} answer) as {@link LogSource}s: one per service and log type, with the members
 * exempted from it.
 *
 * <pre>{@code
 * List<LogSource> sources = GcpAuditConfigs.sources(projectPolicy);
 * }</pre>
 */
public final class GcpAuditConfigs {
    /** The {@link LogSource#kind()} of a GCP audit log config. */
    public static final String KIND = "audit_config";

    private GcpAuditConfigs() {}

    /**
     * The audit log configs of {@code policy}; empty when it has none (Data Access logs off, the GCP default).
     * Entries without a service or log type enable nothing and are left out.
     */
    public static List<LogSource> sources(JsonNode policy) {
        List<LogSource> out = new ArrayList<>();
        for (JsonNode config : policy.path("auditConfigs")) {
            String service = config.path("service").asText("");
            if (service.isEmpty()) {
                continue;
            }
            for (JsonNode log : config.path("auditLogConfigs")) {
                String type = log.path("logType").asText("");
                if (type.isEmpty() || type.equals("LOG_TYPE_UNSPECIFIED")) {
                    continue;
                }
                List<String> exempted = new ArrayList<>();
                log.path("exemptedMembers").forEach(member -> exempted.add(member.asText()));
                out.add(new LogSource(KIND, service, true, List.of(type.toLowerCase(Locale.ROOT)), exempted, ""));
            }
        }
        return out;
    }
}
