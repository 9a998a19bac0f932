package io.scalewatch.cli;

import io.scalewatch.core.policy.PolicyEngine;
import io.scalewatch.core.policy.PolicyResult;
import java.util.ArrayList;
import java.util.List;

/** Wraps the real engine and keeps every input it evaluated with the result, for replay through opa eval. */
final class RecordingEngine implements PolicyEngine {
    record Call(String input, PolicyResult result) {}

    private final PolicyEngine delegate;
    private final List<Call> calls = new ArrayList<>();

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

    List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }
}
