package io.scalewatch.core.baseline;

import io.scalewatch.core.checkpoint.CheckpointKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * One identity's baseline in a local JSON file (the CLI's {@code --baseline FILE}): the key is not part of the
 * file, so one file holds the history of whatever one scan watches. The version is the SHA-256 of the file's
 * bytes; a save checks it is unchanged and replaces the file atomically (temporary file + move), so a reader never
 * sees half a baseline. A file that is not a readable baseline fails the load naming the file and the field.
 */
public final class FileBaselineStore implements BaselineStore {
    private final Path file;

    /** A store over {@code file}; the file need not exist yet (a missing file is an empty history). */
    public FileBaselineStore(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    /** The file. */
    public Path file() {
        return file;
    }

    @Override
    public Optional<StoredBaseline> load(CheckpointKey key) {
        return load();
    }

    /**
     * The stored baseline, if the file exists.
     *
     * @throws BaselineFormatException naming the file and the field when it is not a readable baseline
     * @throws UncheckedIOException when the file cannot be read
     */
    public Optional<StoredBaseline> load() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read baseline file " + file, e);
        }
        try {
            return Optional.of(new StoredBaseline(BaselineJson.read(bytes), digest(bytes)));
        } catch (BaselineFormatException e) {
            throw new BaselineFormatException("baseline file " + file + " is not a readable baseline: "
                    + e.getMessage() + "; fix it, or delete it to learn the identity's behaviour again from scratch", e);
        }
    }

    @Override
    public StoredBaseline save(CheckpointKey key, IdentityBaseline next, Optional<StoredBaseline> expected) {
        return save(next, expected);
    }

    /**
     * Saves {@code next} if the file still holds {@code expected} (empty: the file must not exist).
     *
     * @throws BaselineConflictException when the file changed since it was loaded
     */
    public synchronized StoredBaseline save(IdentityBaseline next, Optional<StoredBaseline> expected) {
        Objects.requireNonNull(next, "next");
        Optional<String> current;
        try {
            current = Files.exists(file) ? Optional.of(digest(Files.readAllBytes(file))) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read baseline file " + file, e);
        }
        Optional<String> wanted = expected.map(StoredBaseline::version);
        if (!current.equals(wanted)) {
            throw new BaselineConflictException("baseline file " + file + " changed since this scan read it (expected "
                    + wanted.map(v -> "sha256 " + v).orElse("no file") + ", found "
                    + current.map(v -> "sha256 " + v).orElse("no file") + "); this scan's window is not folded into it");
        }
        byte[] bytes = BaselineJson.write(next);
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
            try {
                Files.write(temp, bytes);
                try {
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write baseline file " + file, e);
        }
        return new StoredBaseline(next, digest(bytes));
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
