package io.scalewatch.aws.collect;

import io.scalewatch.core.checkpoint.ScanWindow;
import io.scalewatch.core.identity.IdentityMatcher;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CloudTrail Lake SQL statement that selects the watched identity's events of a window, and the
 * columns it returns.
 *
 * <p>Lake returns every value as a string and renders struct columns in Trino's {@code {key=value}} text,
 * which cannot be parsed back reliably; so the statement selects scalar fields one by one (aliased, so
 * result column names do not depend on the engine) and the map columns through {@code CAST(... AS JSON)}.
 * Rows come ordered by {@code eventTime}, so a stop part-way still covers everything before the last row.
 *
 * <p>Safety: Lake takes no bind parameters for an ad-hoc statement, so every value put into the SQL is
 * validated against the characters its kind allows (ARN, access key id, account id, event data store id)
 * and rejected otherwise with {@link InvalidQueryValueException}. None of those character sets contains a
 * quote or a backslash, so a validated value cannot leave its literal; {@code _} is escaped in LIKE
 * patterns.
 */
final class LakeQuery {
    /** Characters of IAM/STS ARNs: IAM names allow {@code +=,.@_-}, paths {@code /}, ARNs {@code :}. */
    private static final Pattern ARN =
            Pattern.compile("arn:aws(-[a-z]+)*:(iam|sts)::\\d{12}:[A-Za-z0-9+=,.@_/-]+(/[A-Za-z0-9+=,.@_-]+)*");
    private static final Pattern ROLE_ARN = Pattern.compile(
            "arn:(aws(?:-[a-z]+)*):iam::(\\d{12}):role/(?:[A-Za-z0-9+=,.@_/-]*/)?([A-Za-z0-9+=,.@_-]+)");
    private static final Pattern ACCESS_KEY = Pattern.compile("(AKIA|ASIA)[A-Z0-9]{12,124}");
    private static final Pattern EVENT_DATA_STORE = Pattern.compile("[A-Za-z0-9-]{1,128}");
    private static final Pattern EVENT_DATA_STORE_ARN =
            Pattern.compile("arn:aws(-[a-z]+)*:cloudtrail:[a-z0-9-]+:\\d{12}:eventdatastore/([A-Za-z0-9-]{1,128})");
    private static final DateTimeFormatter LAKE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    /** Result columns: alias and the expression selected. */
    static final List<String[]> COLUMNS = List.of(
            new String[] {"eventID", "eventID"},
            new String[] {"eventTime", "eventTime"},
            new String[] {"eventSource", "eventSource"},
            new String[] {"eventName", "eventName"},
            new String[] {"awsRegion", "awsRegion"},
            new String[] {"sourceIPAddress", "sourceIPAddress"},
            new String[] {"userAgent", "userAgent"},
            new String[] {"errorCode", "errorCode"},
            new String[] {"errorMessage", "errorMessage"},
            new String[] {"readOnly", "readOnly"},
            new String[] {"recipientAccountId", "recipientAccountId"},
            new String[] {"userIdentityType", "userIdentity.type"},
            new String[] {"userIdentityPrincipalId", "userIdentity.principalId"},
            new String[] {"userIdentityArn", "userIdentity.arn"},
            new String[] {"userIdentityAccountId", "userIdentity.accountId"},
            new String[] {"userIdentityAccessKeyId", "userIdentity.accessKeyId"},
            new String[] {"userIdentityInvokedBy", "userIdentity.invokedBy"},
            new String[] {"sessionIssuerArn", "userIdentity.sessionContext.sessionIssuer.arn"},
            new String[] {"sourceIdentity", "userIdentity.sessionContext.sourceIdentity"},
            new String[] {"requestParametersJson", "json_format(CAST(requestParameters AS JSON))"},
            new String[] {"responseElementsJson", "json_format(CAST(responseElements AS JSON))"},
            new String[] {"resourceArnsJson", "json_format(CAST(transform(resources, r -> r.arn) AS JSON))"},
            new String[] {"resourceTypesJson", "json_format(CAST(transform(resources, r -> r.type) AS JSON))"});

    private LakeQuery() {}

    /**
     * The statement for {@code identity}'s events in {@code window}.
     *
     * @throws InvalidQueryValueException when the data store id or an identity value is not of its form, or
     *     the identity names no AWS principal
     */
    static String statement(String eventDataStore, IdentityMatcher identity, ScanWindow window) {
        String store = eventDataStoreId(eventDataStore);
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < COLUMNS.size(); i++) {
            String[] column = COLUMNS.get(i);
            sql.append(i == 0 ? "" : ", ").append(column[1]);
            if (!column[0].equals(column[1])) {
                sql.append(" AS ").append(column[0]);
            }
        }
        sql.append(" FROM ").append(store)
                .append(" WHERE eventTime >= '").append(LAKE_TIME.format(window.start()))
                .append("' AND eventTime < '").append(LAKE_TIME.format(window.end())).append("'");
        String who = identityCondition(identity);
        if (!who.isEmpty()) {
            sql.append(" AND (").append(who).append(")");
        }
        sql.append(" ORDER BY eventTime ASC, eventID ASC");
        return sql.toString();
    }

    /** The event data store id: the id itself, or taken from its ARN. */
    static String eventDataStoreId(String value) {
        if (value == null) {
            throw new InvalidQueryValueException("event data store is required");
        }
        Matcher arn = EVENT_DATA_STORE_ARN.matcher(value);
        if (arn.matches()) {
            return arn.group(2);
        }
        if (!EVENT_DATA_STORE.matcher(value).matches()) {
            throw new InvalidQueryValueException("event data store '" + printable(value) + "' is neither an event"
                    + " data store id ([A-Za-z0-9-], 1-128 characters) nor its ARN"
                    + " (arn:aws:cloudtrail:<region>:<account>:eventdatastore/<id>)");
        }
        return value;
    }

    /** The WHERE condition selecting the identity's events; empty for every principal. */
    static String identityCondition(IdentityMatcher identity) {
        if (identity.matchesAll()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (IdentityMatcher principal : identity.principals()) {
            switch (principal.kind()) {
                case AWS_ROLE -> parts.add(roleCondition(principal.value()));
                case AWS_USER -> parts.add("userIdentity.arn = " + literal(arn(principal.value())));
                case AWS_ACCESS_KEY -> parts.add("userIdentity.accessKeyId = " + literal(accessKey(principal.value())));
                default -> {
                    // GCP and Azure principals never appear in CloudTrail
                }
            }
        }
        if (parts.isEmpty()) {
            throw new InvalidQueryValueException("identity '" + printable(identity.value()) + "' names no AWS"
                    + " principal (role ARN, user ARN or access key id); CloudTrail Lake holds only AWS events");
        }
        return String.join(" OR ", parts);
    }

    // The role itself, its sessions (sessionIssuer, or the assumed-role ARN when a record lacks the issuer),
    // and AssumeRole calls that obtain its credentials: the same events IdentityMatcher selects.
    private static String roleCondition(String roleArn) {
        Matcher m = ROLE_ARN.matcher(arn(roleArn));
        if (!m.matches()) {
            throw new InvalidQueryValueException("identity '" + printable(roleArn) + "' is not a role ARN of the"
                    + " form arn:aws:iam::<12 digits>:role/[<path>/]<name> with IAM name characters"
                    + " [A-Za-z0-9+=,.@_-]");
        }
        String sessions = "arn:" + m.group(1) + ":sts::" + m.group(2) + ":assumed-role/" + m.group(3) + "/";
        String role = literal(roleArn);
        return "userIdentity.sessionContext.sessionIssuer.arn = " + role
                + " OR userIdentity.arn = " + role
                + " OR userIdentity.arn LIKE " + literal(sessions.replace("_", "\\_") + "%") + " ESCAPE '\\'"
                + " OR (eventSource = 'sts.amazonaws.com' AND eventName LIKE 'AssumeRole%'"
                + " AND element_at(requestParameters, 'roleArn') = " + role + ")";
    }

    private static String arn(String value) {
        if (!ARN.matcher(value).matches()) {
            throw new InvalidQueryValueException("identity '" + printable(value) + "' is not an IAM/STS ARN made of"
                    + " ARN characters [A-Za-z0-9+=,.@_/:-]; refusing to put it into a CloudTrail Lake query");
        }
        return value;
    }

    private static String accessKey(String value) {
        if (!ACCESS_KEY.matcher(value).matches()) {
            throw new InvalidQueryValueException("access key id '" + printable(value) + "' must be AKIA/ASIA and"
                    + " upper-case letters or digits");
        }
        return value;
    }

    // Only called with validated values: none of their characters can end or escape a literal.
    private static String literal(String validated) {
        if (validated.indexOf('\'') >= 0) {
            throw new IllegalStateException("unvalidated value reached the SQL literal builder");
        }
        return "'" + validated + "'";
    }

    /** Lake's text form of a timestamp. */
    static String lakeTime(Instant instant) {
        return LAKE_TIME.format(instant);
    }

    static String printable(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length() && out.length() < 120; i++) {
            char c = value.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return value.length() > 120 ? out + "..." : out.toString();
    }
}
