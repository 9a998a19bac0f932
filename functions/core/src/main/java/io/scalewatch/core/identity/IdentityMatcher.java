package io.scalewatch.core.identity;

import io.scalewatch.core.event.Actor;
import io.scalewatch.core.event.AuditEvent;
import io.scalewatch.core.event.CloudProvider;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which principal a scan watches, parsed from what the user typed.
 *
 * <ul>
 *   <li>an IAM role ARN ({@code arn:aws:iam::123456789012:role/castai-eks}) matches the role and every
 *       session of it: CloudTrail {@code sessionIssuer.arn}, or an {@code assumed-role/<name>/...} ARN,
 *       and the {@code sts:AssumeRole*} calls that obtain its credentials;
 *   <li>an IAM user ARN matches that user; an access key id ({@code AKIA...}/{@code ASIA...}) matches
 *       calls signed with it;
 *   <li>a GCP service-account email matches that principal, also when it is the first delegate of an
 *       impersonation chain;
 *   <li>an Azure object id or application (client) id (a GUID) matches the caller or its app id;
 *   <li>{@code *} matches every principal ({@code --all-principals}).
 * </ul>
 * One agent usually has a principal per cloud; {@link #anyOf(List)} watches them together.
 *
 * <pre>{@code
 * IdentityMatcher agent = IdentityMatcher.parse("arn:aws:iam::123456789012:role/castai-eks");
 * boolean watched = agent.matches(event);
 * }</pre>
 */
public final class IdentityMatcher {
    private static final Pattern ROLE_ARN =
            Pattern.compile("arn:(aws[a-z-]*):iam::(\\d{12}):role/(?:.*/)?([^/]+)");
    private static final Pattern USER_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:user/.+");
    private static final Pattern ACCESS_KEY = Pattern.compile("(AKIA|ASIA)[A-Z0-9]{12,124}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern GUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** What kind of principal the matcher names. */
    public enum Kind {
        ALL,
        AWS_ROLE,
        AWS_USER,
        AWS_ACCESS_KEY,
        GCP_SERVICE_ACCOUNT,
        AZURE_PRINCIPAL,
        ANY_OF
    }

    private final Kind kind;
    private final String value;
    private final String assumedRolePrefix;
    /** The agent's principals across clouds (one role, one service account, one service principal). */
    private final List<IdentityMatcher> anyOf;

    private IdentityMatcher(Kind kind, String value, String assumedRolePrefix) {
        this.kind = kind;
        this.value = value;
        this.assumedRolePrefix = assumedRolePrefix;
        this.anyOf = List.of();
    }

    private IdentityMatcher(List<IdentityMatcher> anyOf) {
        this.kind = Kind.ANY_OF;
        this.value = anyOf.stream().map(IdentityMatcher::value).collect(Collectors.joining(","));
        this.assumedRolePrefix = "";
        this.anyOf = List.copyOf(anyOf);
    }

    /**
     * One agent seen in several clouds: matches when any of the given matchers does. A single matcher is
     * returned as is; {@code *} among them makes the result match everything.
     */
    public static IdentityMatcher anyOf(List<IdentityMatcher> matchers) {
        if (matchers.isEmpty()) {
            throw new IllegalArgumentException("at least one identity is needed");
        }
        if (matchers.stream().anyMatch(IdentityMatcher::matchesAll)) {
            return all();
        }
        return matchers.size() == 1 ? matchers.get(0) : new IdentityMatcher(matchers);
    }

    /**
     * The identity as the policy reads it ({@code input.identity.matcher}): one principal per line, or
     * {@code *}. Lines, not commas, because IAM names may contain commas but never a newline.
     */
    public String policyMatcher() {
        return principals().stream().map(IdentityMatcher::value).collect(Collectors.joining("\n"));
    }

    /** The single-principal matchers this one is made of (itself when it is not a composite). */
    public List<IdentityMatcher> principals() {
        return kind == Kind.ANY_OF ? anyOf : List.of(this);
    }

    /** The matcher for every principal. */
    public static IdentityMatcher all() {
        return new IdentityMatcher(Kind.ALL, "*", "");
    }

    /**
     * Parses a role ARN, user ARN, access key id, service-account email, Azure GUID, or {@code *}.
     *
     * @throws IllegalArgumentException naming the value and the accepted forms
     */
    public static IdentityMatcher parse(String text) {
        Objects.requireNonNull(text, "identity");
        String value = text.trim();
        if (value.equals("*")) {
            return all();
        }
        Matcher role = ROLE_ARN.matcher(value);
        if (role.matches()) {
            String prefix = "arn:" + role.group(1) + ":sts::" + role.group(2) + ":assumed-role/" + role.group(3) + "/";
            return new IdentityMatcher(Kind.AWS_ROLE, value, prefix);
        }
        if (USER_ARN.matcher(value).matches()) {
            return new IdentityMatcher(Kind.AWS_USER, value, "");
        }
        if (ACCESS_KEY.matcher(value).matches()) {
            return new IdentityMatcher(Kind.AWS_ACCESS_KEY, value, "");
        }
        if (EMAIL.matcher(value).matches()) {
            return new IdentityMatcher(Kind.GCP_SERVICE_ACCOUNT, value.toLowerCase(Locale.ROOT), "");
        }
        if (GUID.matcher(value).matches()) {
            return new IdentityMatcher(Kind.AZURE_PRINCIPAL, value.toLowerCase(Locale.ROOT), "");
        }
        throw new IllegalArgumentException("identity '" + value + "' is not a role ARN (arn:aws:iam::<account>:role/<name>),"
                + " user ARN, access key id, GCP service-account email, Azure object/app id (GUID) or '*'");
    }

    /** The kind of principal. */
    public Kind kind() {
        return kind;
    }

    /** The identity as normalized (lowercased email / GUID); comma-separated for a composite. */
    public String value() {
        return value;
    }

    /** True for {@code *}. */
    public boolean matchesAll() {
        return kind == Kind.ALL;
    }

    /** True when the event was made by the watched identity. */
    public boolean matches(AuditEvent event) {
        Actor actor = event.actor();
        return switch (kind) {
            case ALL -> true;
            case ANY_OF -> anyOf.stream().anyMatch(m -> m.matches(event));
            case AWS_ROLE -> event.cloud().provider() == CloudProvider.AWS
                    && (actor.principal().equals(value) || actor.session().startsWith(assumedRolePrefix)
                            || isAssumptionOfRole(event));
            case AWS_USER -> event.cloud().provider() == CloudProvider.AWS && actor.principal().equals(value);
            case AWS_ACCESS_KEY -> actor.credentialId().equals(value);
            case GCP_SERVICE_ACCOUNT -> event.cloud().provider() == CloudProvider.GCP
                    && (actor.principal().equalsIgnoreCase(value) || actor.sourceIdentity().equalsIgnoreCase(value));
            case AZURE_PRINCIPAL -> event.cloud().provider() == CloudProvider.AZURE
                    && (actor.principal().equalsIgnoreCase(value) || actor.appId().equalsIgnoreCase(value));
        };
    }

    // Someone assuming the watched role (the vendor's principal, with or without ExternalId) is part
    // of the role's story: L7 rules judge who gets its credentials.
    private boolean isAssumptionOfRole(AuditEvent event) {
        return event.api().action().startsWith("sts:AssumeRole")
                && event.resources().stream().anyMatch(r -> r.uid().equals(value));
    }

    /**
     * True when a posture principal (role ARN, user ARN, service-account email, Azure object or app id)
     * is the watched identity.
     */
    public boolean matchesPrincipal(CloudProvider cloud, String principal) {
        return switch (kind) {
            case ALL -> true;
            case ANY_OF -> anyOf.stream().anyMatch(m -> m.matchesPrincipal(cloud, principal));
            case AWS_ROLE, AWS_USER -> cloud == CloudProvider.AWS && principal.equals(value);
            case AWS_ACCESS_KEY -> false;
            case GCP_SERVICE_ACCOUNT -> cloud == CloudProvider.GCP && principal.equalsIgnoreCase(value);
            case AZURE_PRINCIPAL -> cloud == CloudProvider.AZURE && principal.equalsIgnoreCase(value);
        };
    }

    @Override
    public String toString() {
        return value;
    }
}
