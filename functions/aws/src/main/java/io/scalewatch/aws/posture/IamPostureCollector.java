package io.scalewatch.aws.posture;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scalewatch.aws.access.AwsErrors;
import io.scalewatch.core.event.CloudProvider;
import io.scalewatch.core.identity.IdentityMatcher;
import io.scalewatch.core.posture.AwsPostureReader;
import io.scalewatch.core.posture.PassRoleResolver;
import io.scalewatch.core.posture.Posture;
import io.scalewatch.core.posture.PostureDocument;
import io.scalewatch.core.posture.PostureFileException;
import io.scalewatch.core.posture.PostureLoadResult;
import io.scalewatch.core.posture.TrustStatement;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyVersion;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * Collects the IAM posture of a watched role in one account through the IAM API, and of the roles it may
 * pass to EC2.
 *
 * <p>For the role: {@code GetRole} (trust policy, permissions boundary, tags), {@code
 * ListAttachedRolePolicies} with {@code GetPolicy} + {@code GetPolicyVersion} of each default version,
 * {@code ListRolePolicies} + {@code GetRolePolicy}, and the boundary policy's default version. The answers
 * are assembled into the shape of {@code aws iam get-account-authorization-details} and read by core's
 * {@link AwsPostureReader}, so the mapping onto {@link Posture} exists once.
 *
 * <p>Passable roles: when the role's grants mention {@code iam:PassRole}, the account's roles are listed
 * ({@code ListRoles}); those whose trust policy lets {@code ec2.amazonaws.com} (or anyone) assume them and
 * whose ARN the identity may pass (IAM glob matching, Deny and boundary applied, {@code iam:PassedToService}
 * read) are collected the same way and returned as {@link IamPostureResult#passableRoles()}.
 *
 * <pre>{@code
 * IamPostureResult posture = IamPostureCollector.builder().iam(iam).account("123456789012").build()
 *         .collect("arn:aws:iam::123456789012:role/castai-eks");
 * List<Posture> postures = posture.postures();
 * }</pre>
 */
public final class IamPostureCollector {
    private static final System.Logger LOG = System.getLogger(IamPostureCollector.class.getName());
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}):role/(?:.*/)?([^/]+)");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final IamClient iam;
    private final String account;
    private final String runId;

    private IamPostureCollector(IamClient iam, String account, String runId) {
        this.iam = iam;
        this.account = account;
        this.runId = runId;
    }

    /** A builder; iam and account are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * One result per role of this account that the identity names (none for other principals).
     *
     * @throws IamPostureException when a role cannot be read
     */
    public List<IamPostureResult> collect(IdentityMatcher identity) {
        Objects.requireNonNull(identity, "identity");
        List<IamPostureResult> results = new ArrayList<>();
        for (IdentityMatcher principal : identity.principals()) {
            Matcher m = ROLE_ARN.matcher(principal.value());
            if (principal.kind() == IdentityMatcher.Kind.AWS_ROLE && m.matches() && m.group(1).equals(account)) {
                results.add(collect(principal.value()));
            }
        }
        return results;
    }

    /**
     * The posture of one role of this account.
     *
     * @throws IllegalArgumentException when {@code roleArn} is not a role ARN of this account
     * @throws IamPostureException when the role does not exist or IAM refuses a call the posture needs
     */
    public IamPostureResult collect(String roleArn) {
        Matcher m = ROLE_ARN.matcher(Objects.requireNonNull(roleArn, "roleArn"));
        if (!m.matches() || !m.group(1).equals(account)) {
            throw new IllegalArgumentException("role '" + roleArn + "' is not a role ARN of account " + account
                    + " (arn:aws:iam::" + account + ":role/<name>)");
        }
        Fetch fetch = new Fetch();
        RoleDetail detail = fetch.role(m.group(2), roleArn);
        if (!detail.arn().equals(roleArn)) {
            fetch.warnings.add("role " + roleArn + " is " + detail.arn() + " in IAM (its path differs); the posture"
                    + " names the IAM ARN");
        }
        Posture identity = fetch.posture(detail, detail.arn());
        List<Posture> passable = passableRoles(fetch, identity);
        LOG.log(Level.INFO, () -> "run_id=" + runId + " cloud=aws source=iam account=" + account + " identity="
                + roleArn + " event=posture_collected grants=" + identity.grants().size() + " passable_roles="
                + passable.size() + " warnings=" + fetch.warnings.size());
        return new IamPostureResult(identity, passable, List.copyOf(fetch.warnings), List.copyOf(fetch.unresolved));
    }

    private List<Posture> passableRoles(Fetch fetch, Posture identity) {
        PassRoleResolver resolver = new PassRoleResolver(identity);
        if (!resolver.mayPassAny()) {
            return List.of();
        }
        List<Role> roles = new ArrayList<>();
        try {
            iam.listRolesPaginator(b -> { }).roles().forEach(roles::add);
        } catch (RuntimeException e) {
            if (!AwsErrors.isSdkError(e)) {
                throw e;
            }
            fetch.warnings.add("passable roles of " + identity.identity() + " not resolved: ListRoles failed: "
                    + AwsErrors.describe(e));
            return List.of();
        }
        List<Posture> out = new ArrayList<>();
        for (Role role : roles) {
            if (role.arn().equals(identity.identity()) || !trustsEc2(fetch, role)) {
                continue;
            }
            List<String> via = resolver.allowingSources(role.arn());
            if (via.isEmpty()) {
                continue;
            }
            try {
                RoleDetail detail = fetch.role(role.roleName(), role.arn());
                Posture posture = fetch.posture(detail, detail.arn());
                Map<String, String> tags = new LinkedHashMap<>(posture.tags());
                tags.put(IamPostureResult.PASSABLE_BY, identity.identity());
                tags.put(IamPostureResult.PASSABLE_VIA, String.join(", ", new LinkedHashSet<>(via)));
                out.add(new Posture(posture.cloud(), posture.identity(), posture.account(), posture.grants(),
                        posture.trust(), posture.credentials(), posture.boundary(), tags, posture.source()));
            } catch (IamPostureException | PostureFileException e) {
                fetch.warnings.add("passable role " + role.arn() + " left out: " + e.getMessage());
            }
        }
        return out;
    }

    // The trust as core reads it: an Allow statement for sts:AssumeRole whose principals include the EC2
    // service or anyone.
    private boolean trustsEc2(Fetch fetch, Role role) {
        ObjectNode detail = NODES.objectNode();
        detail.put("RoleName", role.roleName());
        detail.put("Arn", role.arn());
        if (role.assumeRolePolicyDocument() == null) {
            return false;
        }
        detail.put("AssumeRolePolicyDocument", role.assumeRolePolicyDocument());
        ObjectNode doc = NODES.objectNode();
        doc.set("RoleDetailList", NODES.arrayNode().add(detail));
        List<TrustStatement> trust;
        try {
            PostureLoadResult read = AwsPostureReader.read(List.of(new PostureDocument(source(), doc)),
                    IdentityMatcher.all());
            trust = read.postures().isEmpty() ? List.of() : read.postures().get(0).trust();
        } catch (PostureFileException e) {
            fetch.warnings.add("trust policy of " + role.arn() + " not readable, role not considered passable: "
                    + e.getMessage());
            return false;
        }
        return PassRoleResolver.trustsEc2(trust);
    }

    private String source() {
        return "aws-iam-api:" + account;
    }

    /** One role's answers, in authorization-details shape, and the managed policies it names. */
    private record RoleDetail(String arn, ObjectNode node, Set<String> policyArns) {}

    /** The calls of one collect, with the managed policies fetched once each. */
    private final class Fetch {
        final List<String> warnings = new ArrayList<>();
        final Set<String> unresolved = new LinkedHashSet<>();
        final Map<String, ObjectNode> policies = new HashMap<>();

        RoleDetail role(String roleName, String roleArn) {
            Role role;
            try {
                role = iam.getRole(b -> b.roleName(roleName)).role();
            } catch (NoSuchEntityException e) {
                throw new IamPostureException("role " + roleArn + " does not exist in account " + account);
            } catch (RuntimeException e) {
                throw failure("GetRole " + roleName, e);
            }
            ObjectNode node = NODES.objectNode();
            node.put("Path", role.path());
            node.put("RoleName", role.roleName());
            node.put("RoleId", role.roleId());
            node.put("Arn", role.arn());
            // IAM returns documents URL-encoded; core decodes them.
            node.put("AssumeRolePolicyDocument", role.assumeRolePolicyDocument());
            Set<String> policyArns = new LinkedHashSet<>();
            if (role.permissionsBoundary() != null && role.permissionsBoundary().permissionsBoundaryArn() != null) {
                ObjectNode boundary = node.putObject("PermissionsBoundary");
                boundary.put("PermissionsBoundaryType", role.permissionsBoundary().permissionsBoundaryTypeAsString());
                boundary.put("PermissionsBoundaryArn", role.permissionsBoundary().permissionsBoundaryArn());
                policyArns.add(role.permissionsBoundary().permissionsBoundaryArn());
            }
            ArrayNode tags = node.putArray("Tags");
            for (Tag tag : role.tags()) {
                tags.addObject().put("Key", tag.key()).put("Value", tag.value());
            }
            ArrayNode attached = node.putArray("AttachedManagedPolicies");
            ArrayNode inline = node.putArray("RolePolicyList");
            try {
                for (AttachedPolicy policy : iam.listAttachedRolePoliciesPaginator(b -> b.roleName(roleName))
                        .attachedPolicies()) {
                    attached.addObject().put("PolicyName", policy.policyName()).put("PolicyArn", policy.policyArn());
                    policyArns.add(policy.policyArn());
                }
                for (String name : iam.listRolePoliciesPaginator(b -> b.roleName(roleName)).policyNames()) {
                    String document = iam.getRolePolicy(b -> b.roleName(roleName).policyName(name)).policyDocument();
                    inline.addObject().put("PolicyName", name).put("PolicyDocument", document);
                }
            } catch (RuntimeException e) {
                throw failure("reading the policies of " + roleName, e);
            }
            return new RoleDetail(role.arn(), node, policyArns);
        }

        Posture posture(RoleDetail role, String arn) {
            ArrayNode policyList = NODES.arrayNode();
            for (String policyArn : role.policyArns()) {
                ObjectNode policy = policy(policyArn);
                if (policy != null) {
                    policyList.add(policy);
                }
            }
            ObjectNode doc = NODES.objectNode();
            doc.set("RoleDetailList", NODES.arrayNode().add(role.node()));
            doc.set("Policies", policyList);
            PostureLoadResult read =
                    AwsPostureReader.read(List.of(new PostureDocument(source(), doc)), IdentityMatcher.parse(arn));
            warnings.addAll(read.warnings());
            unresolved.addAll(read.unresolved());
            if (read.postures().size() != 1 || read.postures().get(0).cloud() != CloudProvider.AWS) {
                throw new IamPostureException("role " + arn + " was not selected from its own IAM answers");
            }
            return read.postures().get(0);
        }

        // GetPolicy for the default version id, GetPolicyVersion for its document; null (reported as
        // unresolved by the reader) when IAM refuses.
        ObjectNode policy(String policyArn) {
            if (policies.containsKey(policyArn)) {
                return policies.get(policyArn);
            }
            ObjectNode out = null;
            try {
                Policy policy = iam.getPolicy(b -> b.policyArn(policyArn)).policy();
                PolicyVersion version = iam.getPolicyVersion(
                        b -> b.policyArn(policyArn).versionId(policy.defaultVersionId())).policyVersion();
                out = NODES.objectNode();
                out.put("PolicyName", policy.policyName());
                out.put("Arn", policy.arn());
                out.put("DefaultVersionId", policy.defaultVersionId());
                out.putArray("PolicyVersionList").addObject()
                        .put("Document", version.document())
                        .put("VersionId", version.versionId())
                        .put("IsDefaultVersion", true);
            } catch (RuntimeException e) {
                if (!AwsErrors.isSdkError(e)) {
                    throw e;
                }
                warnings.add("managed policy " + policyArn + " not readable: " + AwsErrors.describe(e));
            }
            policies.put(policyArn, out);
            return out;
        }

        private RuntimeException failure(String call, RuntimeException e) {
            if (!AwsErrors.isSdkError(e)) {
                return e;
            }
            return new IamPostureException(call + " in account " + account + " failed: " + AwsErrors.describe(e));
        }
    }

    /** Builds an {@link IamPostureCollector}. */
    public static final class Builder {
        private IamClient iam;
        private String account;
        private String runId = "-";

        private Builder() {}

        /** The IAM client with the account's read-only credentials. */
        public Builder iam(IamClient iam) {
            this.iam = iam;
            return this;
        }

        /** The 12-digit account id. */
        public Builder account(String account) {
            this.account = account;
            return this;
        }

        /** The run id, for logs. */
        public Builder runId(String runId) {
            this.runId = runId;
            return this;
        }

        /**
         * The collector.
         *
         * @throws IllegalArgumentException naming the missing or invalid setting
         */
        public IamPostureCollector build() {
            if (iam == null) {
                throw new IllegalArgumentException("iam is required");
            }
            if (account == null || !ACCOUNT.matcher(account).matches()) {
                throw new IllegalArgumentException("account must be a 12-digit AWS account id, got '" + account + "'");
            }
            if (runId == null) {
                throw new IllegalArgumentException("runId is required");
            }
            return new IamPostureCollector(iam, account, runId);
        }
    }
}
