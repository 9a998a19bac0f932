package io.scalewatch.gcp.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.logging.v2.LogEntry;
import io.scalewatch.core.checkpoint.ScanWindow;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Test data: fixture files under src/test/resources/gcp/logging and expectations computed from raw JSON. */
public final class Fixtures {
    static final ScanWindow DAY =
            new ScanWindow(Instant.parse("2026-11-24T00:00:00Z"), Instant.parse("2026-11-25T00:00:00Z"));

    private Fixtures() {}

    /** The JSON lines of a fixture file. */
    static List<String> lines(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/gcp/logging/" + name)) {
            if (in == null) {
                throw new AssertionError("missing fixture /gcp/logging/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<LogEntry> entries(String name) {
        return lines(name).stream().map(DemoEntries::entry).toList();
    }

    /**
     * insertIds of the entries the watched account made (caller, or first delegate of an impersonation chain)
     * in the window, from the raw JSON: what the collector must hand over, computed without it.
     */
    public static List<String> expectedIds(List<String> lines, String serviceAccount, ScanWindow window, boolean dataAccess) {
        List<String> ids = new ArrayList<>();
        for (String line : lines) {
            JsonNode entry = DemoEntries.tree(line);
            String logName = entry.path("logName").asText();
            boolean audit = logName.endsWith("/logs/" + LogFilter.ACTIVITY_LOG)
                    || dataAccess && logName.endsWith("/logs/" + LogFilter.DATA_ACCESS_LOG);
            Instant time = Instant.parse(entry.path("timestamp").asText());
            JsonNode auth = entry.path("protoPayload").path("authenticationInfo");
            boolean caller = auth.path("principalEmail").asText().equals(serviceAccount);
            boolean firstDelegate = auth.path("serviceAccountDelegationInfo").path(0).path("firstPartyPrincipal")
                    .path("principalEmail").asText().equals(serviceAccount);
            if (audit && window.contains(time) && (caller || firstDelegate)) {
                ids.add(entry.path("insertId").asText());
            }
        }
        return ids;
    }
}
