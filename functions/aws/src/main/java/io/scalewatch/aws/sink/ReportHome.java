package io.scalewatch.aws.sink;

import io.scalewatch.core.event.CloudProvider;
import io.scalewatch.core.identity.IdentityMatcher;
import io.scalewatch.core.report.Finding;
import io.scalewatch.core.report.ScanReport;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cloud and account a run's summary and quarantine are filed under. A report does not name its target, so
 * it is read off the report: the account a single watched principal lives in (an AWS role or user ARN, a GCP
 * service-account email), else the one location the postures and findings share, else {@code multi}
 * ({@code unknown} account when nothing names one).
 */
record ReportHome(String cloud, String account) {
    static final String MULTI = "multi";
    static final String UNKNOWN = "unknown";
    private static final Pattern AWS_ARN = Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}):(?:role|user)/.+");
    private static final Pattern GCP_SA =
            Pattern.compile("[^@]+@([a-z][a-z0-9-]{4,28}[a-z0-9])\\.iam\\.gserviceaccount\\.com");

    static ReportHome of(ScanReport report) {
        List<IdentityMatcher> principals = report.request().identity().principals();
        if (principals.size() == 1) {
            Optional<ReportHome> own = ownAccount(principals.get(0));
            if (own.isPresent()) {
                return own.get();
            }
        }
        Set<String> locations = new TreeSet<>();
        Set<String> clouds = new TreeSet<>();
        report.request().postures().forEach(p -> add(locations, clouds, p.cloud(), p.account()));
        for (Finding finding : report.findings()) {
            add(locations, clouds, finding.rule().cloud().provider(), finding.rule().cloud().account());
        }
        if (locations.size() == 1) {
            String[] only = locations.iterator().next().split("\n", 2);
            return new ReportHome(only[0], only[1]);
        }
        principals.forEach(p -> cloudOf(p).ifPresent(c -> clouds.add(c.id())));
        String cloud = clouds.size() == 1 ? clouds.iterator().next() : MULTI;
        return new ReportHome(cloud, locations.isEmpty() ? UNKNOWN : MULTI);
    }

    private static void add(Set<String> locations, Set<String> clouds, CloudProvider cloud, String account) {
        clouds.add(cloud.id());
        if (!account.isEmpty()) {
            locations.add(cloud.id() + "\n" + account);
        }
    }

    private static Optional<ReportHome> ownAccount(IdentityMatcher principal) {
        Matcher arn = AWS_ARN.matcher(principal.value());
        if (arn.matches()) {
            return Optional.of(new ReportHome(CloudProvider.AWS.id(), arn.group(1)));
        }
        Matcher sa = GCP_SA.matcher(principal.value());
        if (sa.matches()) {
            return Optional.of(new ReportHome(CloudProvider.GCP.id(), sa.group(1)));
        }
        return Optional.empty();
    }

    private static Optional<CloudProvider> cloudOf(IdentityMatcher principal) {
        return switch (principal.kind()) {
            case AWS_ROLE, AWS_USER, AWS_ACCESS_KEY -> Optional.of(CloudProvider.AWS);
            case GCP_SERVICE_ACCOUNT -> Optional.of(CloudProvider.GCP);
            case AZURE_PRINCIPAL -> Optional.of(CloudProvider.AZURE);
            case ALL, ANY_OF -> Optional.empty();
        };
    }
}
