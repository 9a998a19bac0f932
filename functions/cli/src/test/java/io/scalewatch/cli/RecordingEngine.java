package io.scalewatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.scalewatch.core.policy.PolicyEngine;
import io.scalewatch.core.policy.PolicyResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Wraps the real engine and keeps every input it evaluated with the result, and every usage report input with
 * its report, for replay through opa eval.
 */
final class RecordingEngine implements PolicyEngine {
    record Call(String input, PolicyResult result) {}

    record UsageCall(String input, JsonNode usage) {}

    private final PolicyEngine delegate;
    private final List<Call> calls = new ArrayList<>();
    private final List<UsageCall> usageCalls = new ArrayList<>();

    RecordingEngine(PolicyEngine delegate) {
        this.delegate = delegate;
    }

    @Override
    public PolicyResult evaluate(String inputJson) {
        PolicyResult result = delegate.evaluate(inputJson);
        synchronized (calls) {
            calls.add(new Call(inputJson, result));
        }
        return result;
    }

    @Override
    public JsonNode usage(String inputJson) {
        JsonNode usage = delegate.usage(inputJson);
        synchronized (usageCalls) {
            usageCalls.add(new UsageCall(inputJson, usage));
        }
        return usage;
    }

    List<UsageCall> usageCalls() {
        synchronized (usageCalls) {
            return List.copyOf(usageCalls);
        }
    }

    List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }
}
