package io.scalewatch.gcp.collect;

import io.scalewatch.core.checkpoint.ScanWindow;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The Cloud Logging filter that selects the watched service account's audit entries of one parent resource
 * and window:
 *
 * <pre>
 * logName=("projects/p/logs/cloudaudit.googleapis.com%2Factivity" OR "projects/p/logs/cloudaudit.googleapis.com%2Fdata_access")
 * AND timestamp&gt;="2026-11-24T00:00:00Z" AND timestamp&lt;"2026-11-25T00:00:00Z"
 * AND (protoPayload.authenticationInfo.principalEmail="sa@p.iam.gserviceaccount.com"
 *      OR protoPayload.authenticationInfo.serviceAccountDelegationInfo.firstPartyPrincipal.principalEmail="sa@p.iam.gserviceaccount.com")
 * </pre>
 * (one line when sent). Values are validated against their kind before they are quoted, never passed as they
 * come: a service-account email, a {@code projects/<id>}, {@code folders/<number>} or
 * {@code organizations/<number>} resource name. None of the allowed characters is a quote, a backslash or a
 * space, so the quoted values cannot end early. Every OR group is parenthesized: in the Logging query
 * language OR binds tighter than AND, and the explicit grouping reads the same in every engine.
 */
public final class LogFilter {
    /** Admin Activity audit log id, URL-encoded as it appears in {@code logName}. */
    public static final String ACTIVITY_LOG = "cloudaudit.googleapis.com%2Factivity";
    /** Data Access audit log id, URL-encoded as it appears in {@code logName}. */
    public static final String DATA_ACCESS_LOG = "cloudaudit.googleapis.com%2Fdata_access";

    // Service-account and user emails; lowercase only (GCP lowercases principal emails in audit logs).
    private static final Pattern EMAIL = Pattern.compile(
            "[a-z0-9](?:[a-z0-9._+-]{0,62})@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+");
    private static final Pattern PROJECT = Pattern.compile("projects/(?:[a-z][a-z0-9-]{4,28}[a-z0-9]|[0-9]{1,20})");
    private static final Pattern FOLDER_OR_ORG = Pattern.compile("(?:folders|organizations)/[0-9]{1,20}");
    private static final int MAX_SHOWN = 80;

    private LogFilter() {}

    /**
     * The filter for one parent resource.
     *
     * @param resourceName {@code projects/<id or number>}, {@code folders/<number>} or {@code organizations/<number>}
     * @param serviceAccount the watched principal's email
     * @param window the entries' {@code timestamp} range, start inclusive, end exclusive
     * @param dataAccess whether Data Access entries are read as well as Admin Activity ones
     * @throws InvalidFilterValueException when a value is not of its kind
     */
    public static String of(String resourceName, String serviceAccount, ScanWindow window, boolean dataAccess) {
        Objects.requireNonNull(window, "window");
        String resource = resourceName(resourceName);
        String email = serviceAccount(serviceAccount);
        List<String> logs = new ArrayList<>(2);
        logs.add(quote(resource + "/logs/" + ACTIVITY_LOG));
        if (dataAccess) {
            logs.add(quote(resource + "/logs/" + DATA_ACCESS_LOG));
        }
        String logName = logs.size() == 1 ? "logName=" + logs.get(0) : "logName=(" + String.join(" OR ", logs) + ")";
        return logName
                + " AND timestamp>=" + quote(timestamp(window.start()))
                + " AND timestamp<" + quote(timestamp(window.end()))
                + " AND (protoPayload.authenticationInfo.principalEmail=" + quote(email)
                + " OR protoPayload.authenticationInfo.serviceAccountDelegationInfo.firstPartyPrincipal.principalEmail="
                + quote(email) + ")";
    }

    /**
     * A service-account (or user) email, lowercased, checked against the characters of an email.
     *
     * @throws InvalidFilterValueException for anything else
     */
    public static String serviceAccount(String value) {
        if (value == null) {
            throw new InvalidFilterValueException("service account is required (an email such as"
                    + " castai@my-project.iam.gserviceaccount.com)");
        }
        String email = value.trim().toLowerCase(Locale.ROOT);
        if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            throw new InvalidFilterValueException("service account '" + shown(value) + "' is not an email (letters,"
                    + " digits and . _ + - before the @, a domain after it), e.g. castai@my-project.iam.gserviceaccount.com");
        }
        return email;
    }

    /**
     * A parent resource of audit logs.
     *
     * @throws InvalidFilterValueException unless {@code projects/<id>} (6-30 lowercase letters, digits, hyphens),
     *     {@code projects/<number>}, {@code folders/<number>} or {@code organizations/<number>}
     */
    public static String resourceName(String value) {
        if (value == null || !(PROJECT.matcher(value).matches() || FOLDER_OR_ORG.matcher(value).matches())) {
            throw new InvalidFilterValueException("resource name '" + shown(value) + "' is not projects/<project id or"
                    + " number>, folders/<number> or organizations/<number>");
        }
        return value;
    }

    /** RFC 3339 in UTC, as Cloud Logging compares timestamps. */
    static String timestamp(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    // Values reaching here are validated: escaping quotes and backslashes is a second line of defence.
    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** A value made printable and short for a message. */
    static String shown(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length() && out.length() < MAX_SHOWN; i++) {
            char c = value.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return value.length() > MAX_SHOWN ? out + "..." : out.toString();
    }
}
