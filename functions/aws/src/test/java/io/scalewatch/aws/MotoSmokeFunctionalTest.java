package io.scalewatch.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The emulator answers the real AWS SDK over HTTP on loopback. */
class MotoSmokeFunctionalTest {
    @Test
    void s3_putThenGet_roundTripsThroughTheEmulator() {
        try (S3Client s3 = Moto.s3()) {
            s3.createBucket(b -> b.bucket("scalewatch-smoke"));
            s3.putObject(b -> b.bucket("scalewatch-smoke").key("hello.txt"), RequestBody.fromString("hi"));
            assertThat(s3.getObjectAsBytes(b -> b.bucket("scalewatch-smoke").key("hello.txt")).asUtf8String())
                    .isEqualTo("hi");
        }
    }
}
