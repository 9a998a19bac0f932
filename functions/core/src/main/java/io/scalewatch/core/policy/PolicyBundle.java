package io.scalewatch.core.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The compiled policy shipped in the core jar: {@code policy.wasm} (built from {@code policies/} by the
 * pinned OPA CLI), the bundle's {@code data.json} (catalogs, defaults, profiles) and the rules'
 * annotations ({@code opa inspect -a}).
 */
public record PolicyBundle(byte[] wasm, String data, String annotations) {
    private static final String BASE = "/scalewatch/policy/";

    /** Loads the bundle packaged with scalewatch-core. */
    public static PolicyBundle fromClasspath() {
        return new PolicyBundle(read("policy.wasm"), new String(read("data.json"), StandardCharsets.UTF_8),
                new String(read("annotations.json"), StandardCharsets.UTF_8));
    }

    private static byte[] read(String name) {
        try (InputStream in = PolicyBundle.class.getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new PolicyBundleException("policy bundle resource " + BASE + name
                        + " is missing from the classpath; build scalewatch-core with the OPA CLI "
                        + "(infra/tools/install, then mvn package)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read policy bundle resource " + BASE + name, e);
        }
    }
}
