package io.scalewatch.aws.posture;

import io.scalewatch.core.posture.PassableRole;
import io.scalewatch.core.posture.Posture;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The posture of one watched role and of the roles it may pass to EC2.
 *
 * <p>Passable roles are separate {@link Posture} entries (their own grants, trust, boundary and tags) with
 * two added tags: {@link #PASSABLE_BY} = the watched role's ARN and {@link #PASSABLE_VIA} = the grant
 * sources that allow passing it. An instance launched with such a role runs with its permissions, so they
 * are part of what the identity can reach; policies tell them from the identity itself by the tag.
 *
 * @param identity the watched role's posture
 * @param passableRoles roles that trust {@code ec2.amazonaws.com} and that the identity may pass
 * @param warnings what could not be resolved (ListRoles refused, a role's policies unreadable, ...)
 * @param unresolved policy ARNs named by a role but not fetched, so not in the grants
 */
public record IamPostureResult(Posture identity, List<Posture> passableRoles, List<String> warnings,
        List<String> unresolved) {
    /** Tag on a passable role's posture: the ARN of the identity that may pass it. */
    public static final String PASSABLE_BY = "scalewatch:passable-by";
    /** Tag on a passable role's posture: the grant sources (policy ARN + statement) that allow passing it. */
    public static final String PASSABLE_VIA = "scalewatch:passable-via";

    public IamPostureResult {
        Objects.requireNonNull(identity, "identity");
        passableRoles = List.copyOf(passableRoles);
        warnings = List.copyOf(warnings);
        unresolved = List.copyOf(unresolved);
    }

    /**
     * The identity's posture with its passable roles inside ({@link Posture#passableRoles()}, {@code via} from
     * the {@link #PASSABLE_VIA} tag, which is removed along with {@link #PASSABLE_BY}): what the policy judges.
     */
    public Posture withPassableRoles() {
        List<PassableRole> roles = new ArrayList<>(passableRoles.size());
        for (Posture role : passableRoles) {
            Map<String, String> tags = new LinkedHashMap<>(role.tags());
            tags.remove(PASSABLE_BY);
            String via = Objects.requireNonNullElse(tags.remove(PASSABLE_VIA), "");
            Posture plain = new Posture(role.cloud(), role.identity(), role.account(), role.grants(), role.trust(),
                    role.credentials(), role.boundary(), tags, role.source());
            roles.add(new PassableRole(plain, Arrays.stream(via.split(", ")).filter(s -> !s.isEmpty()).toList()));
        }
        return identity.withPassableRoles(roles);
    }

    /** The identity's posture first, then the passable roles' (each tagged {@link #PASSABLE_BY}). */
    public List<Posture> postures() {
        List<Posture> all = new ArrayList<>(1 + passableRoles.size());
        all.add(identity);
        all.addAll(passableRoles);
        return all;
    }
}
