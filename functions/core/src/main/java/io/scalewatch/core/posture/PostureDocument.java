package io.scalewatch.core.posture;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One parsed posture file (or API response) handed to a reader: where it came from and its JSON.
 *
 * @param source the file path or API call, used in grant sources, warnings and errors
 * @param json the document as parsed
 */
public record PostureDocument(String source, JsonNode json) {
    public PostureDocument {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(json, "json");
        if (source.isBlank()) {
            throw new IllegalArgumentException("source must name the file or API call, got a blank string");
        }
    }
}
