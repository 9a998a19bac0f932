package io.scalewatch.core.normalize;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the timestamps audit logs write: RFC 3339 with {@code T} or a space, 0-9 (or more, cut to 9)
 * fraction digits, and {@code Z}, an offset, or no zone. Without a zone the time is UTC: every cloud
 * writes its audit times in UTC, and the exports that drop the zone (Athena / Panther:
 * {@code 2023-01-10 21:04:02}) drop only the {@code Z}.
 */
final class Timestamps {
    private static final Pattern TIMESTAMP = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})[Tt ](\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9})\\d*)?)?"
                    + "\\s*(Z|z|UTC|[+-]\\d{2}(?::?\\d{2})?)?");

    private Timestamps() {}

    static Instant parse(String text, String path) {
        Matcher m = TIMESTAMP.matcher(text.trim());
        if (!m.matches()) {
            throw invalid(text, path, "expected an RFC 3339 timestamp such as 2024-05-01T12:00:00Z");
        }
        try {
            String fraction = m.group(7) == null ? "" : m.group(7);
            int nanos = fraction.isEmpty() ? 0 : Integer.parseInt((fraction + "000000000").substring(0, 9));
            LocalDateTime local = LocalDateTime.of(
                    Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                    Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                    m.group(6) == null ? 0 : Integer.parseInt(m.group(6)), nanos);
            return local.toInstant(offset(m.group(8)));
        } catch (DateTimeException e) {
            throw invalid(text, path, e.getMessage());
        }
    }

    private static ZoneOffset offset(String zone) {
        if (zone == null || zone.equalsIgnoreCase("Z") || zone.equals("UTC")) {
            return ZoneOffset.UTC;
        }
        String digits = zone.replace(":", "");
        int hours = Integer.parseInt(digits.substring(1, 3));
        int minutes = digits.length() > 3 ? Integer.parseInt(digits.substring(3, 5)) : 0;
        int sign = digits.charAt(0) == '-' ? -1 : 1;
        return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
    }

    private static InvalidAuditRecordException invalid(String text, String path, String why) {
        return new InvalidAuditRecordException(QuarantineKind.INVALID_VALUE,
                Text.path(path) + " '" + Text.printable(text) + "' is not a valid timestamp: " + why);
    }
}
