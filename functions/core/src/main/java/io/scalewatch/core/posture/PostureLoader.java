package io.scalewatch.core.posture;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalewatch.core.event.CloudProvider;
import io.scalewatch.core.identity.IdentityMatcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Loads the watched identity's posture from local files: AWS IAM, GCP IAM and Azure RBAC outputs, each
 * recognised by its JSON shape (docs/posture-files.md). Files of one cloud are read together, so a role and
 * its policies, or a binding and its role definition, may sit in different files.
 *
 * <pre>{@code
 * PostureLoadResult result = PostureLoader.create().load(List.of(Path.of("posture/")), identity);
 * result.warnings().forEach(System.err::println);
 * }</pre>
 */
public final class PostureLoader {
    /** Largest posture file read; authorization details of big accounts run to tens of MB. */
    static final long MAX_FILE_BYTES = 256L * 1024 * 1024;

    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Clock clock;

    private PostureLoader(Clock clock) {
        this.clock = clock;
    }

    /** A loader that judges credential expiry against the system clock. */
    public static PostureLoader create() {
        return new PostureLoader(Clock.systemUTC());
    }

    /** A loader that judges credential expiry against {@code clock}. */
    public static PostureLoader create(Clock clock) {
        return new PostureLoader(Objects.requireNonNull(clock, "clock"));
    }

    /**
     * Reads every file in {@code paths} (a directory stands for every {@code *.json} below it, in path order)
     * and returns the postures of the principals {@code identity} selects.
     *
     * @throws PostureFileException naming the file when one cannot be read, is not JSON, is not a known
     *     posture shape, or holds a malformed policy
     */
    public PostureLoadResult load(List<Path> paths, IdentityMatcher identity) {
        Objects.requireNonNull(identity, "identity");
        List<String> warnings = new ArrayList<>();
        Map<CloudProvider, List<PostureDocument>> byCloud = new EnumMap<>(CloudProvider.class);
        for (Path file : files(paths, warnings)) {
            PostureDocument document = new PostureDocument(file.toString(), parse(file));
            PostureFileKind kind = PostureFileKind.detect(document.json());
            if (kind == PostureFileKind.EMPTY_LIST) {
                warnings.add(file + ": ignored: an empty list, nothing to read");
            } else if (kind == PostureFileKind.UNKNOWN) {
                throw new PostureFileException(file.toString(), "not a known posture file (" + shape(document.json())
                        + "); see docs/posture-files.md for the AWS, GCP and Azure shapes scalewatch reads");
            } else {
                byCloud.computeIfAbsent(kind.cloud(), c -> new ArrayList<>()).add(document);
            }
        }
        List<Posture> postures = new ArrayList<>();
        List<String> unresolved = new ArrayList<>();
        for (Map.Entry<CloudProvider, List<PostureDocument>> cloud : byCloud.entrySet()) {
            PostureLoadResult result = switch (cloud.getKey()) {
                case AWS -> AwsPostureReader.read(cloud.getValue(), identity);
                case GCP -> GcpPostureReader.read(cloud.getValue(), identity, clock);
                case AZURE -> AzurePostureReader.read(cloud.getValue(), identity, clock);
            };
            postures.addAll(result.postures());
            warnings.addAll(result.warnings());
            unresolved.addAll(result.unresolved());
        }
        if (postures.isEmpty() && !identity.matchesAll()) {
            warnings.add("no principal in the posture files is " + identity + ": no posture to judge");
        }
        return new PostureLoadResult(postures, warnings, unresolved);
    }

    private static List<Path> files(List<Path> paths, List<String> warnings) {
        Set<Path> files = new LinkedHashSet<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                List<Path> found = jsonFilesUnder(path);
                if (found.isEmpty()) {
                    warnings.add(path + ": no *.json files in this directory");
                }
                files.addAll(found);
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                throw new PostureFileException(path.toString(), "no such file or directory");
            }
        }
        return List.copyOf(files);
    }

    // Sorted so the same directory always loads in the same order (first definition of a duplicate wins).
    private static List<Path> jsonFilesUnder(Path directory) {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".json"))
                    .filter(p -> !hidden(directory.relativize(p)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new PostureFileException(directory.toString(), "cannot list directory (" + e.getMessage() + ")", e);
        }
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode parse(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new PostureFileException(file.toString(), "file is " + size + " bytes, more than the "
                        + MAX_FILE_BYTES + " bytes a posture file may have");
            }
            JsonNode root = MAPPER.readTree(file.toFile());
            if (root == null || root.isMissingNode()) {
                throw new PostureFileException(file.toString(), "file is empty, expected a JSON posture document");
            }
            return root;
        } catch (JsonProcessingException e) {
            String at = e.getLocation() == null
                    ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new PostureFileException(file.toString(), "not JSON (" + e.getOriginalMessage() + at + ")", e);
        } catch (IOException e) {
            throw new PostureFileException(file.toString(), "cannot read file (" + e.getMessage() + ")", e);
        }
    }

    private static String shape(JsonNode root) {
        if (root.isObject()) {
            List<String> fields = new ArrayList<>();
            root.fieldNames().forEachRemaining(name -> fields.add(printable(name)));
            return fields.isEmpty() ? "an empty object" : "an object with fields " + limit(fields);
        }
        if (root.isArray()) {
            return "an array whose entries are not all of one known kind";
        }
        return "a JSON " + root.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }

    // Field names come from the file: keep hostile ones short and free of control characters in messages.
    private static String printable(String name) {
        String clean = name.codePoints()
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .limit(40)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return name.length() > 40 ? clean + "..." : clean;
    }

    private static String limit(List<String> fields) {
        List<String> shown = fields.size() > 8 ? fields.subList(0, 8) : fields;
        return shown + (fields.size() > 8 ? " and " + (fields.size() - 8) + " more" : "");
    }
}
