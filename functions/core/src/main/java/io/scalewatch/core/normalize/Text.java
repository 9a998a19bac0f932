package io.scalewatch.core.normalize;

import java.nio.charset.StandardCharsets;

/** Small string helpers for messages and raw text. */
final class Text {
    private static final int MAX_SHOWN = 80;

    private Text() {}

    /** A JSON path for messages: {@code $.a.b} becomes {@code a.b}; the root is {@code the record}. */
    static String path(String path) {
        if (path.equals("$")) {
            return "the record";
        }
        return path.startsWith("$.") ? printable(path.substring(2)) : printable(path);
    }

    /** A value safe to put in a message: control characters escaped, long values cut. */
    static String printable(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length() && out.length() < MAX_SHOWN; i++) {
            char c = value.charAt(i);
            if (RecordLimits.isControl(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (out.length() >= MAX_SHOWN && value.length() > MAX_SHOWN) {
            out.append("...");
        }
        return out.toString();
    }

    /** Cuts a string to at most {@code maxBytes} UTF-8 bytes without splitting a character. */
    static String capUtf8(String value, int maxBytes) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= maxBytes) {
            return value;
        }
        return utf8Prefix(bytes, bytes.length, maxBytes);
    }

    /** Decodes at most {@code maxBytes} of {@code bytes[0, length)} as UTF-8, not splitting a character. */
    static String utf8Prefix(byte[] bytes, int length, int maxBytes) {
        int end = Math.min(length, maxBytes);
        // back up over continuation bytes (10xxxxxx) so a multi-byte character is not cut in half
        if (end < length) {
            while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
                end--;
            }
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }
}
