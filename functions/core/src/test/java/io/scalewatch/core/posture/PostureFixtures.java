package io.scalewatch.core.posture;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Fixture locations and the fixed clock the posture tests judge expiry against. */
final class PostureFixtures {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

    static final String AWS_ACCOUNT = "111122223333";
    static final String CASTAI_ROLE = "arn:aws:iam::111122223333:role/castai-eks-demo";
    static final String CAST_POLICY = "arn:aws:iam::111122223333:policy/CastEKSPolicy-demo";
    static final String EC2_READ_ONLY = "arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess";
    static final String IAM_READ_ONLY = "arn:aws:iam::aws:policy/IAMReadOnlyAccess";
    static final String CASTAI_SA = "castai-gke@demo-project.iam.gserviceaccount.com";
    static final String CASTAI_SP_OBJECT_ID = "0b5c2f6e-1111-4111-8111-111111111111";
    static final String CASTAI_APP_ID = "6f1e1d2c-0000-4000-8000-000000000001";
    static final String AZURE_SUBSCRIPTION = "3f2b8c1d-4e5a-4b6c-9d7e-8f9a0b1c2d3e";

    private PostureFixtures() {}

    /** A directory or file under src/test/resources. */
    static Path resource(String name) {
        URL url = PostureFixtures.class.getResource("/" + name);
        if (url == null) {
            throw new IllegalStateException("test resource /" + name + " is missing");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static PostureLoader loader() {
        return PostureLoader.create(CLOCK);
    }
}
