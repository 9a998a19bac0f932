package io.scalewatch.core.normalize;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** The JSON factory the normalize package parses with, and parsing of JSON embedded in string fields. */
final class Jsons {
    /**
     * Jackson's own stream limits stay at their defaults (nesting, 20 M-character strings, 50 k-character
     * names) as a hard stop; the record limits ({@link RecordLimits}) are tighter and are checked by
     * {@link TreeReader} so one hostile record is quarantined while the rest of the input is still read.
     * Sources are not closed by parsers: the reader owns its streams. The mapper is only the trees' codec:
     * records are mapped field by field, never bound by reflection.
     */
    static final JsonFactory FACTORY = JsonMapper.builder()
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .build()
            .getFactory();

    private Jsons() {}

    /**
     * Parses JSON held in a string field (CloudTrail LookupEvents {@code CloudTrailEvent}, Azure
     * {@code requestbody}, {@code Properties}, an AKS audit {@code log}) under the record limits.
     *
     * @param depth containers already open around the field, so nesting counts across the embedding
     * @param path where the field is, for messages ({@code $.properties.log})
     * @throws InvalidAuditRecordException {@code MALFORMED_JSON} when the text is not one JSON value, or the
     *     limit violated
     */
    static JsonNode parseEmbedded(String text, int depth, String path) {
        try (JsonParser p = FACTORY.createParser(text)) {
            if (p.nextToken() == null) {
                throw new InvalidAuditRecordException(QuarantineKind.MALFORMED_JSON,
                        Text.path(path) + " should hold JSON but is empty");
            }
            TreeReader.Result result = TreeReader.read(p, depth, path, 0);
            if (!result.ok()) {
                throw result.violation();
            }
            if (p.nextToken() != null) {
                throw new InvalidAuditRecordException(QuarantineKind.MALFORMED_JSON,
                        Text.path(path) + " holds more than one JSON value");
            }
            return result.node();
        } catch (JsonEOFException e) {
            throw new InvalidAuditRecordException(QuarantineKind.MALFORMED_JSON,
                    Text.path(path) + " holds truncated JSON: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new InvalidAuditRecordException(QuarantineKind.MALFORMED_JSON,
                    Text.path(path) + " is not valid JSON: " + Text.printable(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string cannot fail", e);
        }
    }

    /** Compact JSON text of a tree. */
    static String compact(JsonNode node) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeTree(node);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a string cannot fail", e);
        }
        return out.toString();
    }

    /** JSON type name for messages. */
    static String typeName(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "absent";
        }
        return switch (node.getNodeType()) {
            case STRING -> "string";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            case OBJECT, POJO -> "object";
            case ARRAY -> "array";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** Token type name for messages. */
    static String typeName(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "object";
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> token.name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
