package io.scalewatch.gcp.collect;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The part of the Cloud Logging query language the test server needs, evaluated on an entry's proto3 JSON:
 * comparisons {@code path op value} ({@code = != > >= < <= :}), {@code path = (v1 OR v2)}, AND (explicit or by
 * adjacency), OR, NOT and parentheses, with Logging's precedence (NOT, then OR, then AND). String comparison
 * ignores case, as Logging's does; {@code timestamp} compares as instants. A repeated field matches when any
 * element does. Anything else is rejected, as the real service rejects an invalid filter.
 */
final class LoggingQuery {
    /** The filter is not valid in this subset. */
    static final class InvalidQueryException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidQueryException(String message) {
            super(message);
        }
    }

    private final List<String> tokens;
    private int at;

    private LoggingQuery(List<String> tokens) {
        this.tokens = tokens;
    }

    /** The filter as a predicate on entry JSON; an empty filter matches everything. */
    static Predicate<JsonNode> parse(String filter) {
        LoggingQuery query = new LoggingQuery(tokenize(filter));
        if (query.tokens.isEmpty()) {
            return entry -> true;
        }
        Predicate<JsonNode> predicate = query.conjunction();
        if (query.at != query.tokens.size()) {
            throw new InvalidQueryException("unexpected '" + query.tokens.get(query.at) + "' in filter");
        }
        return predicate;
    }

    private Predicate<JsonNode> conjunction() {
        Predicate<JsonNode> result = disjunction();
        while (at < tokens.size() && !peek().equals(")")) {
            if (peek().equals("AND")) {
                at++;
            }
            result = result.and(disjunction());
        }
        return result;
    }

    private Predicate<JsonNode> disjunction() {
        Predicate<JsonNode> result = unary();
        while (at < tokens.size() && peek().equals("OR")) {
            at++;
            result = result.or(unary());
        }
        return result;
    }

    private Predicate<JsonNode> unary() {
        String token = next();
        if (token.equals("NOT")) {
            return unary().negate();
        }
        if (token.equals("(")) {
            Predicate<JsonNode> inner = conjunction();
            expect(")");
            return inner;
        }
        if (token.startsWith("\"") || isOperator(token)) {
            throw new InvalidQueryException("expected a field path, got " + token);
        }
        String path = token;
        String op = next();
        if (!isOperator(op)) {
            throw new InvalidQueryException("expected an operator after " + path + ", got " + op);
        }
        List<String> values = new ArrayList<>();
        if (peek().equals("(")) {
            at++;
            values.add(value(next()));
            while (peek().equals("OR")) {
                at++;
                values.add(value(next()));
            }
            expect(")");
        } else {
            values.add(value(next()));
        }
        return entry -> values.stream().anyMatch(v -> compare(entry, path, op, v));
    }

    private static boolean compare(JsonNode entry, String path, String op, String value) {
        List<String> found = new ArrayList<>();
        collect(entry, path.split("\\."), 0, found);
        if (op.equals("!=")) {
            return found.stream().noneMatch(f -> f.equalsIgnoreCase(value));
        }
        for (String actual : found) {
            if (matches(path, op, actual, value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String path, String op, String actual, String value) {
        if (op.equals("=")) {
            return path.equals("timestamp") ? instant(actual).equals(instant(value)) : actual.equalsIgnoreCase(value);
        }
        if (op.equals(":")) {
            return actual.toLowerCase(Locale.ROOT).contains(value.toLowerCase(Locale.ROOT));
        }
        int c = path.equals("timestamp") || path.endsWith("Timestamp")
                ? instant(actual).compareTo(instant(value))
                : actual.compareToIgnoreCase(value);
        return switch (op) {
            case ">" -> c > 0;
            case ">=" -> c >= 0;
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            default -> throw new InvalidQueryException("operator " + op + " is not supported here");
        };
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidQueryException("'" + text + "' is not an RFC 3339 timestamp");
        }
    }

    private static void collect(JsonNode node, String[] path, int index, List<String> out) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return;
        }
        if (node.isArray()) {
            node.forEach(element -> collect(element, path, index, out));
            return;
        }
        if (index == path.length) {
            if (node.isValueNode()) {
                out.add(node.asText());
            }
            return;
        }
        collect(node.get(path[index]), path, index + 1, out);
    }

    private static boolean isOperator(String token) {
        return List.of("=", "!=", ">", ">=", "<", "<=", ":").contains(token);
    }

    private String value(String token) {
        if (token.equals("(") || token.equals(")") || isOperator(token) || token.equals("OR") || token.equals("AND")) {
            throw new InvalidQueryException("expected a value, got " + token);
        }
        if (!token.startsWith("\"")) {
            return token;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < token.length() - 1; i++) {
            char c = token.charAt(i);
            if (c == '\\') {
                i++;
                c = token.charAt(i);
            }
            out.append(c);
        }
        return out.toString();
    }

    private String peek() {
        return at < tokens.size() ? tokens.get(at) : "";
    }

    private String next() {
        if (at >= tokens.size()) {
            throw new InvalidQueryException("filter ends too early");
        }
        return tokens.get(at++);
    }

    private void expect(String token) {
        String got = next();
        if (!got.equals(token)) {
            throw new InvalidQueryException("expected " + token + ", got " + got);
        }
    }

    private static List<String> tokenize(String filter) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < filter.length()) {
            char c = filter.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')' || c == ':') {
                tokens.add(String.valueOf(c));
                i++;
            } else if (c == '=' ) {
                tokens.add("=");
                i++;
            } else if (c == '!' || c == '<' || c == '>') {
                boolean eq = i + 1 < filter.length() && filter.charAt(i + 1) == '=';
                if (c == '!' && !eq) {
                    throw new InvalidQueryException("'!' must be followed by '='");
                }
                tokens.add(eq ? c + "=" : String.valueOf(c));
                i += eq ? 2 : 1;
            } else if (c == '"') {
                int j = i + 1;
                while (j < filter.length() && filter.charAt(j) != '"') {
                    j += filter.charAt(j) == '\\' ? 2 : 1;
                }
                if (j >= filter.length()) {
                    throw new InvalidQueryException("unterminated string at " + i);
                }
                tokens.add(filter.substring(i, j + 1));
                i = j + 1;
            } else {
                int j = i;
                while (j < filter.length() && !Character.isWhitespace(filter.charAt(j))
                        && "()=!<>:\"".indexOf(filter.charAt(j)) < 0) {
                    j++;
                }
                tokens.add(filter.substring(i, j));
                i = j;
            }
        }
        return tokens;
    }
}
