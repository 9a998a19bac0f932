package io.scalewatch.core.policy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalewatch.core.baseline.BaselineJson;
import io.scalewatch.core.event.Actor;
import io.scalewatch.core.event.ApiCall;
import io.scalewatch.core.event.AuditEvent;
import io.scalewatch.core.event.CloudLocation;
import io.scalewatch.core.event.PermissionCheck;
import io.scalewatch.core.event.ResourceRef;
import io.scalewatch.core.posture.Boundary;
import io.scalewatch.core.posture.Credential;
import io.scalewatch.core.posture.Grant;
import io.scalewatch.core.posture.LogSource;
import io.scalewatch.core.posture.LoggingPosture;
import io.scalewatch.core.posture.PassableRole;
import io.scalewatch.core.posture.Posture;
import io.scalewatch.core.posture.TrustStatement;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Writes policy input documents (DESIGN.md §3): {@code {scan, identity, agent_profile, config, events}}
 * for a chunk, {@code {..., stats, posture, baseline}} for the window pass. Times are epoch milliseconds
 * ({@code time_ms}) so the policy never needs a time builtin and Wasm and native OPA compute alike.
 * Empty strings are left out, so a rule sees "absent" rather than "": an undated event has no
 * {@code time}/{@code time_ms}, a clean one no {@code metadata.issues}.
 */
public final class PolicyInputWriter {
    private static final JsonFactory FACTORY = new ObjectMapper().getFactory();

    private PolicyInputWriter() {}

    /** Input for one chunk of events. */
    public static String chunk(ScanContext context, List<AuditEvent> events) {
        return write(context, g -> {
            g.writeArrayFieldStart("events");
            for (AuditEvent event : events) {
                writeEvent(g, event);
            }
            g.writeEndArray();
        });
    }

    /**
     * Input for the window and posture pass: merged stats, the identity's postures and its behaviour history
     * ({@code baseline}: {@code runs} 0 and no {@code seen} when there is none).
     */
    public static String window(ScanContext context, JsonNode stats, List<Posture> postures) {
        return write(context, g -> {
            g.writeFieldName("stats");
            g.writeTree(stats);
            g.writeFieldName("baseline");
            g.writeTree(BaselineJson.toPolicyInput(context.baseline()));
            g.writeArrayFieldStart("posture");
            for (Posture posture : postures) {
                writePosture(g, posture);
            }
            g.writeEndArray();
        });
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static String write(ScanContext context, Body body) {
        StringWriter out = new StringWriter(4096);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeObjectFieldStart("scan");
            g.writeStringField("run_id", context.runId());
            g.writeNumberField("window_start_ms", context.windowStartMs());
            g.writeNumberField("window_end_ms", context.windowEndMs());
            // left out for file scans, so their inputs keep their shape
            for (CloudLocation target : context.targets().subList(0, Math.min(1, context.targets().size()))) {
                g.writeObjectFieldStart("target");
                g.writeStringField("provider", target.provider().id());
                g.writeStringField("account", target.account());
                g.writeStringField("region", target.region());
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeObjectFieldStart("identity");
            g.writeStringField("matcher", context.identity());
            g.writeEndObject();
            g.writeObjectFieldStart("agent_profile");
            g.writeStringField("id", context.profileId());
            g.writeEndObject();
            g.writeFieldName("config");
            g.writeTree(context.config());
            body.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write policy input", e);
        }
        return out.toString();
    }

    /** Writes one event in the policy-input shape. */
    public static void writeEvent(JsonGenerator g, AuditEvent event) throws IOException {
        g.writeStartObject();
        if (event.dated()) {
            g.writeNumberField("time_ms", event.time().toEpochMilli());
        }
        g.writeObjectFieldStart("cloud");
        g.writeStringField("provider", event.cloud().provider().id());
        field(g, "account", event.cloud().account());
        field(g, "region", event.cloud().region());
        g.writeEndObject();
        writeActor(g, event.actor());
        writeApi(g, event.api());
        g.writeObjectFieldStart("src_endpoint");
        field(g, "ip", event.srcEndpoint().ip());
        field(g, "user_agent", event.srcEndpoint().userAgent());
        g.writeEndObject();
        g.writeArrayFieldStart("resources");
        for (ResourceRef resource : event.resources()) {
            g.writeStartObject();
            field(g, "type", resource.type());
            g.writeStringField("uid", resource.uid());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeStringField("status", event.status().id());
        g.writeObjectFieldStart("metadata");
        g.writeStringField("uid", event.metadata().uid());
        field(g, "log_source", event.metadata().logSource());
        g.writeBooleanField("read_only", event.metadata().readOnly());
        if (event.metadata().hasIssues()) {
            strings(g, "issues", event.metadata().issues());
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void writeActor(JsonGenerator g, Actor actor) throws IOException {
        g.writeObjectFieldStart("actor");
        field(g, "principal", actor.principal());
        field(g, "type", actor.type());
        field(g, "session", actor.session());
        field(g, "credential_id", actor.credentialId());
        field(g, "source_identity", actor.sourceIdentity());
        field(g, "app_id", actor.appId());
        field(g, "account", actor.account());
        g.writeEndObject();
    }

    private static void writeApi(JsonGenerator g, ApiCall api) throws IOException {
        g.writeObjectFieldStart("api");
        field(g, "service", api.service());
        field(g, "operation", api.operation());
        field(g, "action", api.action());
        if (!api.request().isMissingNode() && !api.request().isNull()) {
            g.writeFieldName("request");
            g.writeTree(api.request());
        }
        if (!api.response().isMissingNode() && !api.response().isNull()) {
            g.writeFieldName("response");
            g.writeTree(api.response());
        }
        if (api.error().present()) {
            g.writeObjectFieldStart("error");
            field(g, "code", api.error().code());
            field(g, "message", api.error().message());
            g.writeEndObject();
        }
        // Left out when the log states none, so CloudTrail / Azure inputs keep their shape.
        if (!api.permissions().isEmpty()) {
            g.writeArrayFieldStart("permissions");
            for (PermissionCheck check : api.permissions()) {
                g.writeStartObject();
                g.writeStringField("permission", check.permission());
                g.writeBooleanField("granted", check.granted());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    /** Writes one posture in the policy-input shape. */
    public static void writePosture(JsonGenerator g, Posture posture) throws IOException {
        g.writeStartObject();
        writePostureFields(g, posture);
        // Left out when none were resolved, so inputs of GCP / Azure postures and older runs keep their shape.
        if (!posture.passableRoles().isEmpty()) {
            g.writeArrayFieldStart("passable_roles");
            for (PassableRole role : posture.passableRoles()) {
                g.writeStartObject();
                writePostureFields(g, role.role());
                strings(g, "via", role.via());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        // Left out when not collected, so an unreadable logging posture never reads as "no logging".
        if (posture.logging().collected()) {
            writeLogging(g, posture.logging());
        }
        g.writeEndObject();
    }

    private static void writeLogging(JsonGenerator g, LoggingPosture logging) throws IOException {
        g.writeObjectFieldStart("logging");
        if (!logging.regions().isEmpty()) {
            strings(g, "regions", logging.regions());
        }
        strings(g, "read_from", logging.readFrom());
        g.writeArrayFieldStart("sources");
        for (LogSource source : logging.sources()) {
            g.writeStartObject();
            g.writeStringField("kind", source.kind());
            g.writeStringField("name", source.name());
            g.writeBooleanField("enabled", source.enabled());
            strings(g, "captures", source.captures());
            strings(g, "exempted", source.exempted());
            field(g, "destination", source.destination());
            if (!source.regions().isEmpty()) {
                strings(g, "regions", source.regions());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writePostureFields(JsonGenerator g, Posture posture) throws IOException {
        g.writeStringField("cloud", posture.cloud().id());
        g.writeStringField("identity", posture.identity());
        g.writeStringField("account", posture.account());
        g.writeArrayFieldStart("grants");
        for (Grant grant : posture.grants()) {
            writeGrant(g, grant);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("trust");
        for (TrustStatement statement : posture.trust()) {
            g.writeStartObject();
            g.writeStringField("effect", statement.effect().label());
            strings(g, "principals", statement.principals());
            strings(g, "actions", statement.actions());
            g.writeFieldName("conditions");
            g.writeTree(statement.conditions());
            g.writeStringField("source", statement.source());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("credentials");
        for (Credential credential : posture.credentials()) {
            g.writeStartObject();
            g.writeStringField("type", credential.type());
            field(g, "id", credential.id());
            if (credential.createdAt().isPresent()) {
                g.writeNumberField("created_ms", credential.createdAt().get().toEpochMilli());
            }
            field(g, "status", credential.status());
            g.writeEndObject();
        }
        g.writeEndArray();
        Boundary boundary = posture.boundary();
        if (boundary.present()) {
            g.writeObjectFieldStart("boundary");
            strings(g, "sources", boundary.sources());
            g.writeArrayFieldStart("grants");
            for (Grant grant : boundary.grants()) {
                writeGrant(g, grant);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeObjectFieldStart("tags");
        for (Map.Entry<String, String> tag : posture.tags().entrySet()) {
            g.writeStringField(tag.getKey(), tag.getValue());
        }
        g.writeEndObject();
        field(g, "source", posture.source());
    }

    private static void writeGrant(JsonGenerator g, Grant grant) throws IOException {
        g.writeStartObject();
        g.writeStringField("effect", grant.effect().label());
        strings(g, "actions", grant.actions());
        strings(g, "not_actions", grant.notActions());
        strings(g, "resources", grant.resources());
        strings(g, "not_resources", grant.notResources());
        g.writeFieldName("conditions");
        g.writeTree(grant.conditions());
        g.writeStringField("source", grant.source());
        field(g, "role", grant.role());
        g.writeEndObject();
    }

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String value : values) {
            g.writeString(value);
        }
        g.writeEndArray();
    }

    private static void field(JsonGenerator g, String name, String value) throws IOException {
        if (!value.isEmpty()) {
            g.writeStringField(name, value);
        }
    }
}
