package io.scalewatch.cli.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Regenerates the bundled demo resources ({@code functions/cli/src/main/resources/demo/}).
 *
 * <pre>{@code
 * java -cp ... io.scalewatch.cli.demo.DemoResources [target-dir]
 * }</pre>
 * Without an argument it writes below {@code -Dscalewatch.root} (default: the working directory).
 */
public final class DemoResources {
    private DemoResources() {
    }

    public static void main(String[] args) {
        Path target = args.length > 0 ? Path.of(args[0])
                : Path.of(System.getProperty("scalewatch.root", ".")).resolve("functions/cli/src/main/resources/demo");
        regenerate(target);
        System.out.println("demo dataset written to " + target.toAbsolutePath().normalize());
    }

    /** Replaces the dataset below {@code target}: stale data files of an older generation are removed first. */
    static void regenerate(Path target) {
        for (String cloud : new String[] {"aws", "gcp", "azure"}) {
            Path dir = target.resolve(cloud);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(DemoResources::delete);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + dir, e);
                }
            }
        }
        DemoActivity.write(target);
    }

    private static void delete(Path path) {
        try {
            Files.delete(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete stale demo file " + path, e);
        }
    }
}
