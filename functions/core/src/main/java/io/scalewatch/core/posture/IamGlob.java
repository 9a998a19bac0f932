package io.scalewatch.core.posture;

import java.util.Locale;

/**
 * IAM's wildcard matching of actions and resource ARNs: {@code *} matches any run of characters (also
 * {@code /} and {@code :}), {@code ?} exactly one. Actions compare case-insensitively, ARNs case-sensitively,
 * as IAM does. Policy variables ({@code ${aws:username}}) are not resolved; they match only themselves.
 */
public final class IamGlob {
    private IamGlob() {}

    /** Whether {@code pattern} matches {@code value}. */
    public static boolean matches(String pattern, String value, boolean ignoreCase) {
        String p = ignoreCase ? pattern.toLowerCase(Locale.ROOT) : pattern;
        String v = ignoreCase ? value.toLowerCase(Locale.ROOT) : value;
        int pi = 0;
        int vi = 0;
        int star = -1;
        int mark = 0;
        // iterative wildcard match with backtracking to the last '*': linear in practice, no regex to escape
        while (vi < v.length()) {
            if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == v.charAt(vi))) {
                pi++;
                vi++;
            } else if (pi < p.length() && p.charAt(pi) == '*') {
                star = pi++;
                mark = vi;
            } else if (star >= 0) {
                pi = star + 1;
                vi = ++mark;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }

    /** An action pattern matches the action (case-insensitive). */
    public static boolean action(String pattern, String action) {
        return matches(pattern, action, true);
    }

    /** A resource pattern matches the ARN (case-sensitive). */
    public static boolean resource(String pattern, String arn) {
        return matches(pattern, arn, false);
    }
}
