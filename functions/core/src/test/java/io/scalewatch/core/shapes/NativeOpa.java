package io.scalewatch.core.shapes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Native {@code opa eval} (the binary the build passes as {@code -Dopa.bin}) on the plain Rego bundle that
 * the core build writes next to {@code policy.wasm}: the reference the Wasm engine is checked against.
 */
final class NativeOpa {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUERY = "data.scalewatch.main.result";
    private final Path binary;
    private final Path bundle;

    private NativeOpa(Path binary, Path bundle) {
        this.binary = binary;
        this.bundle = bundle;
    }

    /** The OPA of {@code -Dopa.bin}; fails the test run when the build did not pass one. */
    static NativeOpa fromSystemProperty(Path workDir) {
        String property = System.getProperty("opa.bin");
        if (property == null || !Files.isExecutable(Path.of(property))) {
            throw new AssertionError("no OPA CLI: run the build with -Dopa.bin=<path to opa> (got " + property + ")");
        }
        try (InputStream in = NativeOpa.class.getResourceAsStream("/scalewatch/policy/rego-bundle.tar.gz")) {
            if (in == null) {
                throw new AssertionError("rego-bundle.tar.gz is not on the test classpath; build scalewatch-core");
            }
            Path bundle = workDir.resolve("rego-bundle.tar.gz");
            Files.write(bundle, in.readAllBytes());
            return new NativeOpa(Path.of(property), bundle);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the Rego bundle", e);
        }
    }

    /** Value of the entrypoint for one input document. */
    JsonNode eval(String inputJson, Path workDir) {
        try {
            Path input = Files.createTempFile(workDir, "input", ".json");
            Files.writeString(input, inputJson, StandardCharsets.UTF_8);
            Process process = new ProcessBuilder(List.of(binary.toString(), "eval", "--format", "json", "--bundle",
                    bundle.toString(), "--input", input.toString(), QUERY)).start();
            byte[] stdout = process.getInputStream().readAllBytes();
            String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            int code = process.waitFor();
            if (code != 0) {
                throw new AssertionError("opa eval exited with " + code + ": " + stderr.strip());
            }
            return JSON.readTree(stdout).path("result").path(0).path("expressions").path(0).path("value");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + binary, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running opa", e);
        }
    }
}
