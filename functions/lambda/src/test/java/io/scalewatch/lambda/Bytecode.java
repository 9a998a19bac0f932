package io.scalewatch.lambda;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What compiled classes reference, read with the JDK's {@code javap -v -p}: per class the classes of its constant
 * pool and the AWS SDK client methods it invokes (directly or as method references). {@link #reachable} follows class
 * references from a root (a handler), so code that only local tools use (LocalSeed, LocalInvoke) does not count.
 */
final class Bytecode {
    private static final Pattern THIS_CLASS = Pattern.compile("^\\s*this_class: #\\d+\\s+//\\s+(\\S+)$");
    private static final Pattern CLASS_ENTRY = Pattern.compile("^\\s*#\\d+ = Class\\s+#\\d+\\s+//\\s+(\\S+)$");
    private static final Pattern SDK_METHOD = Pattern.compile(
            "software/amazon/awssdk/services/([a-z0-9]+)/([A-Za-z0-9]+Client)\\.([A-Za-z0-9]+):");
    private static final Pattern SDK_MEMBER = Pattern.compile("(software/amazon/awssdk/[A-Za-z0-9_/$]+\\.[A-Za-z0-9_]+):");

    /**
     * One class: the classes it references, the SDK client methods it calls, and every SDK method it references
     * ({@code software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry$Builder.messageGroupId}).
     */
    record ClassRefs(String name, Set<String> classes, Set<SdkCall> calls, Set<String> sdkMethods) {}

    private final Map<String, ClassRefs> classes;

    private Bytecode(Map<String, ClassRefs> classes) {
        this.classes = Map.copyOf(classes);
    }

    /** Reads every class file under the given directories (missing directories are an error). */
    static Bytecode read(Collection<Path> classDirs) {
        Map<String, ClassRefs> all = new HashMap<>();
        for (Path dir : classDirs) {
            if (!Files.isDirectory(dir)) {
                throw new IllegalStateException("no compiled classes at " + dir + " (compile the module first)");
            }
            List<String> files;
            try (Stream<Path> walk = Files.walk(dir)) {
                files = walk.filter(p -> p.toString().endsWith(".class")).map(Path::toString).sorted().toList();
            } catch (IOException e) {
                throw new IllegalStateException("cannot list " + dir, e);
            }
            for (int from = 0; from < files.size(); from += 400) { // keep each command line short
                parse(javap(files.subList(from, Math.min(files.size(), from + 400))), all);
            }
        }
        return new Bytecode(all);
    }

    private static List<String> javap(List<String> files) {
        Path javap = Path.of(System.getProperty("java.home"), "bin", "javap");
        List<String> command = new ArrayList<>(List.of(javap.toString(), "-v", "-p"));
        command.addAll(files);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            List<String> lines = new ArrayList<>();
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
            }
            int code = process.waitFor();
            if (code != 0) {
                throw new IllegalStateException("javap exited " + code + ": "
                        + String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size())));
            }
            return lines;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + javap, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running javap", e);
        }
    }

    private static void parse(List<String> lines, Map<String, ClassRefs> into) {
        String current = null;
        Set<String> refs = new LinkedHashSet<>();
        Set<SdkCall> calls = new LinkedHashSet<>();
        Set<String> members = new LinkedHashSet<>();
        for (String line : lines) {
            if (line.startsWith("Classfile ")) {
                if (current != null) {
                    into.put(current, new ClassRefs(current, Set.copyOf(refs), Set.copyOf(calls), Set.copyOf(members)));
                }
                current = null;
                refs.clear();
                calls.clear();
                members.clear();
                continue;
            }
            Matcher self = THIS_CLASS.matcher(line);
            if (self.matches()) {
                current = dotted(self.group(1));
                continue;
            }
            Matcher entry = CLASS_ENTRY.matcher(line);
            if (entry.matches() && !entry.group(1).startsWith("\"[")) {
                refs.add(dotted(entry.group(1)));
            }
            Matcher call = SDK_METHOD.matcher(line);
            while (call.find()) {
                calls.add(new SdkCall(call.group(1), call.group(2), call.group(3)));
            }
            Matcher member = SDK_MEMBER.matcher(line);
            while (member.find()) {
                members.add(dotted(member.group(1)));
            }
        }
        if (current != null) {
            into.put(current, new ClassRefs(current, Set.copyOf(refs), Set.copyOf(calls), Set.copyOf(members)));
        }
    }

    private static String dotted(String internalName) {
        // javap quotes names that are not Java identifiers, e.g. "io/scalewatch/aws/package-info"
        String unquoted = internalName.startsWith("\"") && internalName.endsWith("\"")
                ? internalName.substring(1, internalName.length() - 1) : internalName;
        return unquoted.replace('/', '.');
    }

    /** These classes and the other's (the other's win for a class read by both). */
    Bytecode plus(Bytecode other) {
        Map<String, ClassRefs> all = new HashMap<>(classes);
        all.putAll(other.classes);
        return new Bytecode(all);
    }

    /** Every class read. */
    Set<String> classNames() {
        return new TreeSet<>(classes.keySet());
    }

    /** The classes read that the roots reach through class references, the roots included. */
    Set<String> reachable(Collection<String> roots) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        for (String root : roots) {
            if (!classes.containsKey(root)) {
                throw new IllegalArgumentException("class " + root + " is not among the compiled classes read");
            }
            todo.add(root);
        }
        while (!todo.isEmpty()) {
            String next = todo.poll();
            if (seen.add(next)) {
                classes.get(next).classes().stream().filter(classes::containsKey).forEach(todo::add);
            }
        }
        return seen;
    }

    /** The SDK client methods the reachable classes invoke. */
    Set<SdkCall> sdkCalls(Collection<String> reachable) {
        Set<SdkCall> calls = new LinkedHashSet<>();
        reachable.forEach(c -> calls.addAll(classes.get(c).calls()));
        return calls;
    }

    /** Every AWS SDK method the reachable classes reference, as {@code class.method}. */
    Set<String> sdkMethods(Collection<String> reachable) {
        Set<String> methods = new TreeSet<>();
        reachable.forEach(c -> methods.addAll(classes.get(c).sdkMethods()));
        return methods;
    }

    /** The AWS SDK service classes (not clients, not models) the reachable classes reference. */
    Set<String> sdkServiceClasses(Collection<String> reachable) {
        Set<String> refs = new TreeSet<>();
        for (String c : reachable) {
            classes.get(c).classes().stream()
                    .filter(r -> r.startsWith("software.amazon.awssdk.services."))
                    .forEach(refs::add);
        }
        return refs;
    }
}
