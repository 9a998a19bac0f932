package io.scalewatch.core.normalize;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * SHA-256 over a canonical JSON form (keys sorted at every level, compact), so the same record hashes
 * alike whether it came pretty-printed in a document or as one JSON line.
 */
final class RecordHash {
    private RecordHash() {}

    /**
     * A stable event id for a record whose log gives none: {@code sha256:<hex>} of its canonical form.
     * Identical records get the same id, which is what idempotent findings need.
     */
    static String uid(JsonNode record) {
        MessageDigest digest = sha256();
        try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
            writeCanonical(out, record);
        } catch (IOException e) {
            throw new UncheckedIOException("hashing in memory cannot fail", e);
        }
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    /** Canonical compact JSON bytes of a value. */
    static byte[] canonicalBytes(JsonNode value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writeCanonical(out, value);
        } catch (IOException e) {
            throw new UncheckedIOException("writing in memory cannot fail", e);
        }
        return out.toByteArray();
    }

    static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static void writeCanonical(OutputStream out, JsonNode value) throws IOException {
        try (JsonGenerator g = Jsons.FACTORY.createGenerator(out)) {
            write(g, value);
        }
    }

    // Records are depth-limited (RecordLimits.MAX_DEPTH) before they are hashed, so recursion is bounded.
    private static void write(JsonGenerator g, JsonNode node) throws IOException {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            names.sort(null);
            g.writeStartObject();
            for (String name : names) {
                g.writeFieldName(name);
                write(g, node.get(name));
            }
            g.writeEndObject();
        } else if (node.isArray()) {
            g.writeStartArray();
            for (JsonNode element : node) {
                write(g, element);
            }
            g.writeEndArray();
        } else {
            g.writeTree(node);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
