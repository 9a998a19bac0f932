package io.scalewatch.core.scan;

import io.scalewatch.core.normalize.AuditLogReadException;
import io.scalewatch.core.normalize.AuditLogReader;
import io.scalewatch.core.normalize.ReadCounts;
import io.scalewatch.core.normalize.RecordSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/** An audit-log file on disk (CloudTrail, GCP audit export, Azure activity; plain or gzip). */
public record LocalFileSource(Path file, AuditLogReader reader) implements EventSource {
    public LocalFileSource {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(reader, "reader");
    }

    @Override
    public String name() {
        return file.toString();
    }

    @Override
    public ReadCounts read(RecordSink sink) {
        return reader.read(file, sink);
    }

    /**
     * One source per file: files as given, directories walked recursively (hidden files skipped), each
     * level in name order so a scan is repeatable.
     *
     * @throws AuditLogReadException when a path does not exist or cannot be listed
     */
    public static List<EventSource> of(List<Path> paths, AuditLogReader reader) {
        List<EventSource> sources = new ArrayList<>();
        for (Path path : paths) {
            if (!Files.exists(path)) {
                throw new AuditLogReadException("input " + path + " does not exist");
            }
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(Files::isRegularFile)
                            .filter(p -> !p.getFileName().toString().startsWith("."))
                            .sorted()
                            .forEach(p -> sources.add(new LocalFileSource(p, reader)));
                } catch (IOException e) {
                    throw new AuditLogReadException("cannot list input directory " + path + ": " + e.getMessage());
                }
            } else {
                sources.add(new LocalFileSource(path, reader));
            }
        }
        return sources;
    }
}
