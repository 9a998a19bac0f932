package io.scalewatch.core.report;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scalewatch.core.scan.ScanRequest;
import java.time.Instant;

/**
 * The JSON shape of {@code usage.json} (docs/usage.md, "The usage report"): the run, the watched identity and
 * the window, around the policy's usage report ({@code data.scalewatch.main.usage}) copied as it returned it, one
 * entry per posture. Java adds no judgement of its own. A contract: fields are added, never renamed.
 */
public final class UsageJson {
    private UsageJson() {}

    /** The usage document of a scan. */
    public static ObjectNode of(ScanReport report) {
        ScanRequest request = report.request();
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("run_id", request.runId());
        root.put("identity", request.identity().value());
        ObjectNode window = root.putObject("window");
        if (request.windowStartMs() > 0) {
            window.put("start", Instant.ofEpochMilli(request.windowStartMs()).toString());
        }
        window.put("end", Instant.ofEpochMilli(request.windowEndMs()).toString());
        root.set("usage", report.evaluation().usage().deepCopy());
        return root;
    }
}
