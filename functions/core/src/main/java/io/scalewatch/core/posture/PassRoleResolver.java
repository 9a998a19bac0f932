package io.scalewatch.core.posture;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which roles the identity may pass to EC2 ({@code iam:PassRole}), from its grants as core read them.
 *
 * <p>A role is passable when an Allow grant covers {@code iam:PassRole} (Action or NotAction) on the role's
 * ARN (Resource or NotResource, IAM globs), no unconditional Deny grant covers it, the permissions boundary
 * (if any) allows it too, and no {@code iam:PassedToService} condition of the allowing grant excludes
 * {@code ec2.amazonaws.com}. Other conditions are assumed satisfiable: over-reporting a passable role costs
 * a review, missing one hides an escalation path.
 */
public final class PassRoleResolver {
    /** The action that hands a role to a service. */
    public static final String PASS_ROLE = "iam:PassRole";
    private static final String EC2 = "ec2.amazonaws.com";

    private final List<Grant> grants;
    private final Boundary boundary;

    public PassRoleResolver(Posture identity) {
        this.grants = identity.grants();
        this.boundary = identity.boundary();
    }

    /** True when any Allow grant mentions iam:PassRole at all (worth listing the account's roles). */
    public boolean mayPassAny() {
        return grants.stream().anyMatch(g -> g.effect() == Grant.Effect.ALLOW && coversAction(g));
    }

    /** The grant sources that let the identity pass {@code roleArn} to EC2, empty when it may not. */
    public List<String> allowingSources(String roleArn) {
        List<String> sources = new ArrayList<>();
        for (Grant grant : grants) {
            if (grant.effect() == Grant.Effect.ALLOW && coversAction(grant) && coversResource(grant, roleArn)
                    && passedToEc2(grant.conditions())) {
                sources.add(grant.source());
            }
        }
        if (sources.isEmpty() || denied(roleArn) || !boundaryAllows(roleArn)) {
            return List.of();
        }
        return sources;
    }

    /**
     * Whether a role's trust lets EC2 (or anyone) assume it: an Allow statement for {@code sts:AssumeRole}
     * naming {@code Service:ec2.amazonaws.com} (or the China partition's), {@code *} or {@code AWS:*}.
     */
    public static boolean trustsEc2(List<TrustStatement> trust) {
        return trust.stream().anyMatch(s -> s.effect() == Grant.Effect.ALLOW
                && s.actions().stream().anyMatch(a -> IamGlob.action(a, "sts:AssumeRole"))
                && s.principals().stream().anyMatch(p -> p.equals("*") || p.equals("AWS:*")
                        || p.equalsIgnoreCase("Service:ec2.amazonaws.com")
                        || p.equalsIgnoreCase("Service:ec2.amazonaws.com.cn")));
    }

    private boolean denied(String roleArn) {
        return grants.stream().anyMatch(g -> g.effect() == Grant.Effect.DENY && g.conditions().isEmpty()
                && coversAction(g) && coversResource(g, roleArn));
    }

    private boolean boundaryAllows(String roleArn) {
        if (!boundary.present()) {
            return true;
        }
        boolean allowed = boundary.grants().stream().anyMatch(g -> g.effect() == Grant.Effect.ALLOW
                && coversAction(g) && coversResource(g, roleArn) && passedToEc2(g.conditions()));
        boolean denied = boundary.grants().stream().anyMatch(g -> g.effect() == Grant.Effect.DENY
                && g.conditions().isEmpty() && coversAction(g) && coversResource(g, roleArn));
        return allowed && !denied;
    }

    private static boolean coversAction(Grant grant) {
        if (!grant.actions().isEmpty()) {
            return grant.actions().stream().anyMatch(a -> IamGlob.action(a, PASS_ROLE))
                    && grant.notActions().stream().noneMatch(a -> IamGlob.action(a, PASS_ROLE));
        }
        return !grant.notActions().isEmpty()
                && grant.notActions().stream().noneMatch(a -> IamGlob.action(a, PASS_ROLE));
    }

    private static boolean coversResource(Grant grant, String arn) {
        if (!grant.resources().isEmpty()) {
            return grant.resources().stream().anyMatch(r -> IamGlob.resource(r, arn));
        }
        return !grant.notResources().isEmpty()
                && grant.notResources().stream().noneMatch(r -> IamGlob.resource(r, arn));
    }

    // {"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}: only the string operators that can
    // name services are read; a key under any other operator is ignored (assumed satisfiable).
    public static boolean passedToEc2(JsonNode conditions) {
        for (Iterator<Map.Entry<String, JsonNode>> ops = conditions.fields(); ops.hasNext(); ) {
            Map.Entry<String, JsonNode> op = ops.next();
            String operator = op.getKey().toLowerCase(Locale.ROOT).replace("foranyvalue:", "")
                    .replace("forallvalues:", "");
            if (!op.getValue().isObject()) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> keys = op.getValue().fields(); keys.hasNext(); ) {
                Map.Entry<String, JsonNode> key = keys.next();
                if (!key.getKey().equalsIgnoreCase("iam:PassedToService")) {
                    continue;
                }
                List<String> values = new ArrayList<>();
                if (key.getValue().isArray()) {
                    key.getValue().forEach(v -> values.add(v.asText()));
                } else {
                    values.add(key.getValue().asText());
                }
                boolean any = switch (operator) {
                    case "stringequals", "stringequalsignorecase" ->
                            values.stream().anyMatch(v -> v.equalsIgnoreCase(EC2));
                    case "stringlike" -> values.stream().anyMatch(v -> IamGlob.matches(v, EC2, true));
                    case "stringnotequals", "stringnotequalsignorecase" ->
                            values.stream().noneMatch(v -> v.equalsIgnoreCase(EC2));
                    case "stringnotlike" -> values.stream().noneMatch(v -> IamGlob.matches(v, EC2, true));
                    default -> true;
                };
                if (!any) {
                    return false;
                }
            }
        }
        return true;
    }
}
