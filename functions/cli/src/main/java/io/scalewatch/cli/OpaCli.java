package io.scalewatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The native OPA CLI run on the same policy the jar evaluates in Wasm: the plain Rego bundle built from the
 * same sources ({@code rego-bundle.tar.gz} in the jar). Used by {@code bench} for the side-by-side figure
 * and by the parity test.
 */
public final class OpaCli {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUERY = "data.scalewatch.main.result";
    private static final String USAGE_QUERY = "data.scalewatch.main.usage";
    private final Path opa;
    private final Path bundle;

    private OpaCli(Path opa, Path bundle) {
        this.opa = opa;
        this.bundle = bundle;
    }

    /**
     * Finds the OPA binary: {@code explicit} if given, else {@code $SCALEWATCH_OPA}, else the system property
     * {@code opa.bin}, else {@code opa} on PATH; extracts the jar's Rego bundle to a temporary file.
     */
    public static Optional<OpaCli> locate(Optional<Path> explicit) {
        Optional<Path> binary = explicit
                .or(() -> Optional.ofNullable(System.getenv("SCALEWATCH_OPA")).map(Path::of))
                .or(() -> Optional.ofNullable(System.getProperty("opa.bin")).map(Path::of))
                .or(OpaCli::onPath)
                .filter(Files::isExecutable);
        return binary.map(b -> new OpaCli(b, extractBundle()));
    }

    private static Optional<Path> onPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "opa");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static Path extractBundle() {
        try (InputStream in = OpaCli.class.getResourceAsStream("/scalewatch/policy/rego-bundle.tar.gz")) {
            if (in == null) {
                throw new IllegalStateException("rego-bundle.tar.gz is missing from the jar");
            }
            Path file = Files.createTempFile("scalewatch-rego-bundle", ".tar.gz");
            file.toFile().deleteOnExit();
            Files.write(file, in.readAllBytes());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the Rego bundle", e);
        }
    }

    /** The binary in use. */
    public Path binary() {
        return opa;
    }

    /** {@code opa eval} of the entrypoint on one input; returns the result value. */
    public JsonNode eval(String inputJson) {
        return eval(inputJson, QUERY);
    }

    /** {@code opa eval} of the usage report ({@code data.scalewatch.main.usage}) on one window input. */
    public JsonNode evalUsage(String inputJson) {
        return eval(inputJson, USAGE_QUERY);
    }

    private JsonNode eval(String inputJson, String query) {
        Path input = temp(inputJson);
        try {
            String out = run(List.of(opa.toString(), "eval", "--format", "json", "--bundle", bundle.toString(),
                    "--input", input.toString(), query));
            return JSON.readTree(out).path("result").path(0).path("expressions").path(0).path("value");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read opa eval output", e);
        } finally {
            delete(input);
        }
    }

    /**
     * {@code opa bench} of the entrypoint on one input: OPA's own benchmark loop with the policy compiled
     * and warm, so start-up is not counted.
     *
     * @return nanoseconds per evaluation
     */
    public double benchNanosPerEval(String inputJson) {
        Path input = temp(inputJson);
        try {
            String out = run(List.of(opa.toString(), "bench", "--format", "json", "--bundle", bundle.toString(),
                    "--input", input.toString(), "--count", "1", QUERY));
            JsonNode result = JSON.readTree(out);
            return result.path("T").asDouble() / Math.max(1, result.path("N").asDouble());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read opa bench output", e);
        } finally {
            delete(input);
        }
    }

    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(false).start();
            byte[] stdout = process.getInputStream().readAllBytes();
            String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            int code = process.waitFor();
            if (code != 0) {
                throw new IllegalStateException("opa exited with " + code + ": " + stderr.strip());
            }
            return new String(stdout, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running opa", e);
        }
    }

    private static Path temp(String content) {
        try {
            Path file = Files.createTempFile("scalewatch-input", ".json");
            Files.writeString(file, content, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a temporary input file", e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A leftover temp file is harmless; the OS cleans its temp directory.
        }
    }
}
