package io.scalewatch.aws.posture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalewatch.aws.Moto;
import io.scalewatch.aws.access.AccountAccess;
import io.scalewatch.aws.access.AccountSession;
import io.scalewatch.aws.access.AwsClients;
import io.scalewatch.core.posture.LogSource;
import io.scalewatch.core.posture.LoggingPosture;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.AdvancedEventSelector;
import software.amazon.awssdk.services.cloudtrail.model.AdvancedFieldSelector;
import software.amazon.awssdk.services.cloudtrail.model.CloudTrailException;
import software.amazon.awssdk.services.cloudtrail.model.DescribeTrailsRequest;
import software.amazon.awssdk.services.cloudtrail.model.DescribeTrailsResponse;
import software.amazon.awssdk.services.cloudtrail.model.ReadWriteType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

/** Trails of a region from moto's CloudTrail, in an account of its own reached through AccountAccess. */
class TrailLoggingCollectorFunctionalTest {
    private static final String BUCKET_PREFIX = "scalewatch-trail-";
    private static String account;
    private static StsClient sts;
    private static AwsClients clients;
    private static AccountSession session;

    @BeforeAll
    static void createTrails() {
        account = String.format("%012d", ThreadLocalRandom.current().nextLong(100_000_000_000L, 999_999_999_999L));
        sts = StsClient.builder().endpointOverride(Moto.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(Moto.credentials()).build();
        clients = AwsClients.builder().endpointOverride(Moto.endpoint()).build();
        session = AccountAccess.builder().sts(sts).roleName("scalewatch-read").externalId("scalewatch-test-external-id")
                .runId("trail-test").clients(clients).build().assume(account);
        String bucket = BUCKET_PREFIX + account;
        S3Client s3 = session.s3(Region.US_EAST_1);
        s3.createBucket(b -> b.bucket(bucket));
        CloudTrailClient east = session.cloudTrail(Region.US_EAST_1);
        east.createTrail(b -> b.name("org-wide").s3BucketName(bucket).isMultiRegionTrail(true));
        east.startLogging(b -> b.name("org-wide"));
        CloudTrailClient west = session.cloudTrail(Region.EU_WEST_1);
        west.createTrail(b -> b.name("west-reads").s3BucketName(bucket));
        west.putEventSelectors(b -> b.trailName("west-reads")
                .eventSelectors(s -> s.readWriteType(ReadWriteType.READ_ONLY).includeManagementEvents(true)));
        CloudTrailClient central = session.cloudTrail(Region.EU_CENTRAL_1);
        central.createTrail(b -> b.name("central-writes").s3BucketName(bucket));
        central.putEventSelectors(b -> b.trailName("central-writes").advancedEventSelectors(AdvancedEventSelector
                .builder().name("management writes").fieldSelectors(
                        AdvancedFieldSelector.builder().field("eventCategory").equalsValue("Management").build(),
                        AdvancedFieldSelector.builder().field("readOnly").equalsValue("false").build()).build()));
        central.startLogging(b -> b.name("central-writes"));
    }

    @AfterAll
    static void close() {
        session.close();
        clients.close();
        sts.close();
    }

    private static TrailLoggingCollector collector(Function<Region, CloudTrailClient> cloudTrail) {
        return TrailLoggingCollector.builder().cloudTrail(cloudTrail).account(account).runId("trail-test").build();
    }

    private static Map<String, LogSource> byName(LoggingPosture logging) {
        return logging.sources().stream().collect(Collectors.toMap(s -> s.name().replaceAll(".*/", ""), s -> s));
    }

    @Test
    void collect_regionWithOwnStoppedTrailAndMultiRegionTrail_readsBothFromTheirHomeRegions() {
        TrailLoggingResult result = collector(session::cloudTrail).collect(List.of("eu-west-1"));

        assertThat(result.warnings()).isEmpty();
        assertThat(result.logging().collected()).isTrue();
        assertThat(result.logging().regions()).containsExactly("eu-west-1");
        Map<String, LogSource> trails = byName(result.logging());
        assertThat(trails).containsOnlyKeys("org-wide", "west-reads");
        LogSource wide = trails.get("org-wide");
        assertThat(wide.name()).isEqualTo("arn:aws:cloudtrail:us-east-1:" + account + ":trail/org-wide");
        assertThat(wide.kind()).isEqualTo("trail");
        assertThat(wide.enabled()).isTrue();
        assertThat(wide.captures()).containsExactly("management_read", "management_write");
        assertThat(wide.destination()).isEqualTo(BUCKET_PREFIX + account);
        assertThat(wide.regions()).containsExactly("eu-west-1");
        LogSource reads = trails.get("west-reads");
        assertThat(reads.enabled()).as("never started").isFalse();
        assertThat(reads.captures()).containsExactly("management_read");
    }

    @Test
    void collect_advancedSelectorOnManagementWrites_capturesWritesOnly() {
        TrailLoggingResult result = collector(session::cloudTrail).collect(List.of("eu-central-1"));

        Map<String, LogSource> trails = byName(result.logging());
        assertThat(trails).containsOnlyKeys("org-wide", "central-writes");
        assertThat(trails.get("central-writes").enabled()).isTrue();
        assertThat(trails.get("central-writes").captures()).containsExactly("management_write");
    }

    @Test
    void collect_regionOnlyTheMultiRegionTrailCovers_listsIt() {
        TrailLoggingResult result = collector(session::cloudTrail).collect(List.of("ap-southeast-2"));

        assertThat(byName(result.logging())).containsOnlyKeys("org-wide");
    }

    @Test
    void collect_severalRegions_eachTrailOnceWithTheRegionsItCovers() {
        TrailLoggingResult result = collector(session::cloudTrail)
                .collect(List.of("eu-west-1", "eu-central-1", "ap-southeast-2", "eu-west-1"));

        assertThat(result.logging().regions()).containsExactly("eu-west-1", "eu-central-1", "ap-southeast-2");
        Map<String, LogSource> trails = byName(result.logging());
        assertThat(trails).containsOnlyKeys("org-wide", "west-reads", "central-writes");
        assertThat(trails.get("org-wide").regions()).containsExactly("eu-west-1", "eu-central-1", "ap-southeast-2");
        assertThat(trails.get("west-reads").regions()).containsExactly("eu-west-1");
        assertThat(trails.get("central-writes").regions()).containsExactly("eu-central-1");
    }

    @Test
    void collect_accountWithoutTrails_isCollectedWithNoSources() {
        String other = String.format("%012d", ThreadLocalRandom.current().nextLong(100_000_000_000L,
                999_999_999_999L));
        try (AccountSession empty = AccountAccess.builder().sts(sts).roleName("scalewatch-read")
                .externalId("scalewatch-test-external-id").runId("trail-test").clients(clients).build()
                .assume(other)) {
            TrailLoggingResult result = TrailLoggingCollector.builder().cloudTrail(empty::cloudTrail).account(other)
                    .build().collect(List.of("eu-west-1"));

            assertThat(result.warnings()).isEmpty();
            assertThat(result.logging().collected()).isTrue();
            assertThat(result.logging().sources()).isEmpty();
        }
    }

    @Test
    void collect_describeTrailsDenied_isAWarningAndNotCollected() {
        CloudTrailClient denied = new CloudTrailClient() {
            @Override
            public DescribeTrailsResponse describeTrails(DescribeTrailsRequest request) {
                throw CloudTrailException.builder().statusCode(400).message("User is not authorized")
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDeniedException")
                                .errorMessage("User is not authorized to perform cloudtrail:DescribeTrails").build())
                        .build();
            }

            @Override
            public String serviceName() {
                return "cloudtrail";
            }

            @Override
            public void close() {}
        };

        TrailLoggingResult result = collector(region -> denied).collect(List.of("eu-west-1"));

        assertThat(result.logging()).isEqualTo(LoggingPosture.NOT_COLLECTED);
        assertThat(result.warnings()).singleElement().asString()
                .contains("DescribeTrails in eu-west-1", "AccessDeniedException", "cloudtrail:DescribeTrails");
    }

    @Test
    void collect_notARegion_isRejected() {
        assertThatThrownBy(() -> collector(session::cloudTrail).collect(List.of("eu-west")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eu-west");
        assertThatThrownBy(() -> collector(session::cloudTrail).collect(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one");
        assertThatThrownBy(() -> TrailLoggingCollector.builder().cloudTrail(session::cloudTrail).account("1").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("12-digit");
    }
}
