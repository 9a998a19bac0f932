package io.scalewatch.aws.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalewatch.aws.Moto;
import io.scalewatch.aws.checkpoint.S3CheckpointStore;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

class S3ReportSinkTest {
    private S3Client s3;

    @BeforeEach
    void setUp() {
        // never called: these tests stop before any request
        s3 = S3Client.builder().region(Region.US_EAST_1).credentialsProvider(Moto.credentials())
                .endpointOverride(URI.create("http://127.0.0.1:9")).build();
    }

    @AfterEach
    void tearDown() {
        s3.close();
    }

    @Test
    void build_prefix_namesTheSinkAfterBucketAndPrefix() {
        try (S3ReportSink sink = S3ReportSink.builder().s3(s3).bucket("audit-bucket").prefix("/scalewatch/").build()) {
            assertThat(sink.name()).isEqualTo("s3://audit-bucket/scalewatch/");
            assertThat(sink.layout().root()).isEqualTo("scalewatch/");
        }
    }

    @Test
    void build_badSettings_areRejectedNamingTheSettingAndValue() {
        assertThatThrownBy(() -> S3ReportSink.builder().bucket("audit-bucket").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs an S3 client");
        assertThatThrownBy(() -> S3ReportSink.builder().s3(s3).bucket("Audit_Bucket").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Audit_Bucket'");
        assertThatThrownBy(() -> S3ReportSink.builder().s3(s3).bucket("audit-bucket").prefix("a/../b").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a/../b'");
        assertThatThrownBy(() -> S3CheckpointStore.builder().s3(s3).bucket("x").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'x'");
    }

    @Test
    void standard_attemptsOutOfRange_areRejected() {
        assertThatThrownBy(() -> SinkRetry.standard(0)).hasMessage("maxAttempts must be within 1..20, got 0");
        assertThatThrownBy(() -> SinkRetry.adaptive(21)).hasMessage("maxAttempts must be within 1..20, got 21");
    }
}
