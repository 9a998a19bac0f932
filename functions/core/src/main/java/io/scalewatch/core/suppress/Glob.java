package io.scalewatch.core.suppress;

import java.util.Locale;

/** Shell-style globs of suppression selectors: {@code *} any run of characters (also none), {@code ?} one. */
final class Glob {
    private Glob() {}

    /** Whether {@code text} matches {@code pattern} as a whole; no escapes, no character classes. */
    static boolean matches(String pattern, String text, boolean ignoreCase) {
        String p = ignoreCase ? pattern.toLowerCase(Locale.ROOT) : pattern;
        String t = ignoreCase ? text.toLowerCase(Locale.ROOT) : text;
        int pi = 0;
        int ti = 0;
        int star = -1;
        int resume = 0;
        // greedy with one backtrack point: linear in practice, never exponential on hostile patterns
        while (ti < t.length()) {
            if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == t.charAt(ti))) {
                pi++;
                ti++;
            } else if (pi < p.length() && p.charAt(pi) == '*') {
                star = pi++;
                resume = ti;
            } else if (star >= 0) {
                pi = star + 1;
                ti = ++resume;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }

    /** Whether the pattern matches every text. */
    static boolean matchesAll(String pattern) {
        return !pattern.isEmpty() && pattern.chars().allMatch(c -> c == '*');
    }
}
