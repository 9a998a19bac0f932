package io.scalewatch.core.report.html;

/**
 * HTML escaping for the report, by context. Every string that did not come from this code (log fields,
 * resource names, rule text, file names) goes through {@link #text} or {@link #attr} before it reaches the
 * page; there is no other way in.
 *
 * <p>Both escape {@code & < > " '}, so a value is safe between tags and inside a double- or single-quoted
 * attribute value. Neither makes a value safe as a URL, a CSS value, inside {@code <script>}/{@code <style>}
 * or as a tag or attribute name: the report never puts user-controlled text there. Characters HTML forbids or
 * that would not survive UTF-8 (C0/C1 controls other than tab, newline and carriage return, DEL, noncharacters
 * U+FFFE/U+FFFF, unpaired surrogates) become U+FFFD, so the page parses the same in every browser.
 */
public final class Html {
    private static final char REPLACEMENT = '\uFFFD';

    private Html() {}

    /** {@code value} escaped for an element's text content (also safe in a quoted attribute value). */
    public static String text(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        appendEscaped(out, value);
        return out.toString();
    }

    /** {@code value} escaped for a quoted attribute value. */
    public static String attr(String value) {
        return text(value);
    }

    /** Appends {@code value}, escaped, to {@code out}. */
    public static void appendEscaped(StringBuilder out, String value) {
        int n = value.length();
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) {
                        out.append(c).append(value.charAt(++i));
                    } else if (Character.isSurrogate(c) || !allowed(c)) {
                        out.append(REPLACEMENT);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }

    private static boolean allowed(char c) {
        if (c < 0x20) {
            return c == '\t' || c == '\n' || c == '\r';
        }
        return !(c >= 0x7F && c <= 0x9F) && c != '\uFFFE' && c != '\uFFFF';
    }
}
