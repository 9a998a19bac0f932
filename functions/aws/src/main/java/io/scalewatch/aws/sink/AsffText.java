package io.scalewatch.aws.sink;

import java.nio.charset.StandardCharsets;

/**
 * Makes text from logs safe for an ASFF string field: control characters (C0, DEL, C1) and invisible format
 * characters (bidirectional overrides, zero-width characters, byte-order marks) and lone surrogates are
 * removed, line and tab breaks become spaces, runs of spaces collapse, and the result is cut to a byte budget.
 *
 * <p>Limits are counted in UTF-8 bytes, which is never more lenient than Security Hub's documented character
 * limits, and a cut never splits a character; a cut text ends in {@code …}.
 */
final class AsffText {
    private static final String ELLIPSIS = "…";
    private static final int ELLIPSIS_BYTES = ELLIPSIS.getBytes(StandardCharsets.UTF_8).length;

    private AsffText() {}

    /** {@code text} cleaned and cut to at most {@code maxBytes} UTF-8 bytes. */
    static String clean(String text, int maxBytes) {
        return cut(strip(text), maxBytes);
    }

    /** {@code text} cleaned, without a length limit. */
    static String strip(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), 4096));
        boolean space = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x85) {
                space = out.length() > 0;
                continue;
            }
            if (!visible(cp)) {
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            out.appendCodePoint(cp);
        }
        return out.toString();
    }

    /** {@code text} cut to at most {@code maxBytes} UTF-8 bytes at a character boundary, marked with {@code …}. */
    static String cut(String text, int maxBytes) {
        if (maxBytes < ELLIPSIS_BYTES + 1) {
            throw new IllegalArgumentException(
                    "maxBytes must be at least " + (ELLIPSIS_BYTES + 1) + ", got " + maxBytes);
        }
        if (utf8Length(text) <= maxBytes) {
            return text;
        }
        int budget = maxBytes - ELLIPSIS_BYTES;
        int used = 0;
        int end = 0;
        while (end < text.length()) {
            int cp = text.codePointAt(end);
            int bytes = utf8Length(cp);
            if (used + bytes > budget) {
                break;
            }
            used += bytes;
            end += Character.charCount(cp);
        }
        return text.substring(0, end).stripTrailing() + ELLIPSIS;
    }

    static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            bytes += utf8Length(cp);
            i += Character.charCount(cp);
        }
        return bytes;
    }

    private static int utf8Length(int cp) {
        if (cp < 0x80) {
            return 1;
        }
        if (cp < 0x800) {
            return 2;
        }
        return cp < 0x10000 ? 3 : 4;
    }

    private static boolean visible(int cp) {
        int type = Character.getType(cp);
        return type != Character.CONTROL && type != Character.FORMAT && type != Character.SURROGATE
                && type != Character.UNASSIGNED && type != Character.PRIVATE_USE;
    }
}
