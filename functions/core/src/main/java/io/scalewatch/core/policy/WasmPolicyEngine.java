package io.scalewatch.core.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.styra.opa.wasm.OpaPolicy;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;

/**
 * Evaluates the compiled policy in-process with the OPA Wasm Java SDK (Chicory runtime): entrypoint
 * {@code scalewatch/main/result} for {@link #evaluate} and {@code scalewatch/main/usage} for {@link #usage}.
 *
 * <p>An {@link OpaPolicy} is not thread-safe, so the engine keeps up to {@code instances} of them, each
 * with the bundle data loaded once (the SDK's own pool re-parses data on every borrow, which costs more
 * than a small evaluation). Build one engine per process and reuse it: compiling the module costs
 * about a second.
 *
 * <pre>{@code
 * PolicyEngine engine = WasmPolicyEngine.create(PolicyBundle.fromClasspath(), 2);
 * PolicyResult result = engine.evaluate(inputJson);
 * }</pre>
 */
public final class WasmPolicyEngine implements PolicyEngine {
    static final String ENTRYPOINT = "scalewatch/main/result";
    static final String USAGE_ENTRYPOINT = "scalewatch/main/usage";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** 64 KiB Wasm pages: 8192 pages = 512 MiB per instance, far above a chunk's needs. */
    private static final int MAX_MEMORY_PAGES = 8192;

    private final PolicyBundle bundle;
    private final BlockingQueue<OpaPolicy> idle = new LinkedBlockingQueue<>();
    private final Semaphore permits;

    private final int resultEntrypoint;
    private final int usageEntrypoint;

    private WasmPolicyEngine(PolicyBundle bundle, int instances, OpaPolicy first) {
        this.bundle = bundle;
        this.permits = new Semaphore(instances);
        // entrypoint ids are fixed by the module: looked up once (by name they are re-read from Wasm each time)
        this.resultEntrypoint = entrypointId(first, ENTRYPOINT);
        this.usageEntrypoint = entrypointId(first, USAGE_ENTRYPOINT);
        idle.add(first);
    }

    /**
     * Creates the engine and compiles one policy instance eagerly, so a broken bundle fails at start-up
     * (and a Lambda pays the compile cost in its INIT phase).
     */
    public static WasmPolicyEngine create(PolicyBundle bundle, int instances) {
        if (instances < 1) {
            throw new IllegalArgumentException("instances must be at least 1, got " + instances);
        }
        return new WasmPolicyEngine(bundle, instances, load(bundle));
    }

    @Override
    public PolicyResult evaluate(String inputJson) {
        return parse(run(resultEntrypoint, inputJson));
    }

    /**
     * {@inheritDoc}
     *
     * @throws PolicyEvaluationException when the policy returns no array
     */
    @Override
    public JsonNode usage(String inputJson) {
        JsonNode value = resultValue(run(usageEntrypoint, inputJson));
        if (!value.isArray()) {
            throw new PolicyEvaluationException("policy entrypoint " + USAGE_ENTRYPOINT
                    + " returned no array: " + value.getNodeType(), null);
        }
        return value;
    }

    private String run(int entrypoint, String inputJson) {
        permits.acquireUninterruptibly();
        OpaPolicy policy = idle.poll();
        boolean healthy = false;
        try {
            if (policy == null) {
                policy = load(bundle);
            }
            // instances are shared by both entrypoints: select it on every evaluation
            String raw = policy.entrypoint(entrypoint).input(inputJson).evaluate();
            healthy = true;
            return raw;
        } catch (RuntimeException e) {
            if (e instanceof PolicyEvaluationException) {
                throw e;
            }
            throw new PolicyEvaluationException("policy evaluation failed: " + e.getMessage(), e);
        } finally {
            if (healthy) {
                idle.add(policy);
            }
            permits.release();
        }
    }

    private static OpaPolicy load(PolicyBundle bundle) {
        try {
            return OpaPolicy.builder()
                    .withPolicy(bundle.wasm())
                    .withMaxMemory(MAX_MEMORY_PAGES)
                    .build()
                    .data(bundle.data());
        } catch (RuntimeException e) {
            throw new PolicyBundleException("cannot load the policy Wasm module: " + e.getMessage(), e);
        }
    }

    private static int entrypointId(OpaPolicy policy, String name) {
        try {
            return policy.findEntrypoint(name);
        } catch (IllegalArgumentException e) {
            throw new PolicyBundleException("the policy Wasm module has no entrypoint " + name
                    + "; rebuild it with infra/opa/build-bundle", e);
        }
    }

    static PolicyResult parse(String raw) {
        return PolicyResult.fromJson(resultValue(raw));
    }

    private static JsonNode resultValue(String raw) {
        try {
            JsonNode root = JSON.readTree(raw);
            return root.isArray() && root.size() > 0 ? root.get(0).path("result") : root.path("result");
        } catch (JsonProcessingException e) {
            throw new PolicyEvaluationException("policy returned malformed JSON", e);
        }
    }
}
