package io.scalewatch.azure.collect;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The KQL that selects the watched service principal's rows of the {@code AzureActivity} table in one time slice.
 * KQL takes no bind parameters through the Logs Query API, so every value is validated before it is written into
 * the text: principal ids must be GUIDs (hex digits and hyphens only, never a quote or a backslash), times are
 * formatted by scalewatch, and the row limit is a number.
 *
 * <pre>{@code
 * String kql = ActivityQuery.of("0b5c2f6e-1111-4111-8111-111111111111", "6f1e1d2c-0000-4000-8000-000000000001")
 *         .kql(start, end, 5000);
 * }</pre>
 *
 * @param objectId the service principal's object id, lowercased; matches {@code Caller}; empty when not watched
 * @param appId the application (client) id, lowercased; matches the {@code appid} claim; empty when not watched
 */
public record ActivityQuery(String objectId, String appId) {
    /** The Log Analytics table of the Activity Log. */
    public static final String TABLE = "AzureActivity";
    private static final Pattern GUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    // KQL datetime literals resolve to 100 ns ticks; seven fraction digits say exactly one tick.
    private static final DateTimeFormatter TICKS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    public ActivityQuery {
        objectId = guidOrEmpty(objectId, "objectId");
        appId = guidOrEmpty(appId, "appId");
        if (objectId.isEmpty() && appId.isEmpty()) {
            throw new InvalidQueryValueException("an object id or an application id (GUID) is needed to select the"
                    + " service principal's AzureActivity rows; both are empty");
        }
    }

    /** The query for a principal given by object id and / or app id (either may be empty, not both). */
    public static ActivityQuery of(String objectId, String appId) {
        return new ActivityQuery(objectId, appId);
    }

    /** Checks that {@code value} is a GUID and returns it lowercased. */
    public static String guid(String value, String field) {
        String v = guidOrEmpty(value, field);
        if (v.isEmpty()) {
            throw new InvalidQueryValueException(field + " must be a GUID (8-4-4-4-12 hex digits), got an empty value");
        }
        return v;
    }

    private static String guidOrEmpty(String value, String field) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        if (!GUID.matcher(value).matches()) {
            throw new InvalidQueryValueException(field + " must be a GUID (8-4-4-4-12 hex digits), got '"
                    + printable(value) + "'");
        }
        return value.toLowerCase(Locale.ROOT);
    }

    /**
     * The KQL for rows with {@code start <= TimeGenerated < end}, oldest first, at most {@code limit} of them.
     *
     * @throws InvalidQueryValueException when the times are not on 100 ns ticks, reversed, or the limit is not
     *     positive
     */
    public String kql(Instant start, Instant end, int limit) {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (start.getNano() % 100 != 0 || end.getNano() % 100 != 0) {
            throw new InvalidQueryValueException("slice bounds must lie on 100 ns ticks (KQL datetime precision), got "
                    + start + " and " + end);
        }
        if (!start.isBefore(end)) {
            throw new InvalidQueryValueException("slice start " + start + " must be before its end " + end);
        }
        if (limit < 1) {
            throw new InvalidQueryValueException("row limit must be >= 1, got " + limit);
        }
        StringBuilder principal = new StringBuilder();
        if (!objectId.isEmpty()) {
            principal.append("Caller =~ '").append(objectId).append('\'');
        }
        if (!appId.isEmpty()) {
            if (principal.length() > 0) {
                principal.append(" or ");
            }
            principal.append("tostring(parse_json(Claims).appid) =~ '").append(appId).append('\'');
        }
        return TABLE + "\n"
                + "| where TimeGenerated >= " + datetime(start) + " and TimeGenerated < " + datetime(end) + "\n"
                + "| where " + principal + "\n"
                + "| order by TimeGenerated asc\n"
                + "| take " + limit;
    }

    /** A KQL datetime literal, {@code datetime(2026-11-24T12:00:00.0000000Z)}. */
    static String datetime(Instant instant) {
        return "datetime(" + TICKS.format(instant) + ")";
    }

    /** The largest 100 ns tick at or before {@code instant}. */
    static Instant floorTick(Instant instant) {
        return instant.minusNanos(instant.getNano() % 100);
    }

    /** The smallest 100 ns tick at or after {@code instant}. */
    static Instant ceilTick(Instant instant) {
        int rest = instant.getNano() % 100;
        return rest == 0 ? instant : instant.plusNanos(100 - rest);
    }

    private static String printable(String value) {
        StringBuilder out = new StringBuilder();
        value.codePoints().limit(80).forEach(c -> out.append(c >= 0x20 && c < 0x7f ? Character.toString(c) : "?"));
        return value.length() > 80 ? out + "..." : out.toString();
    }
}
