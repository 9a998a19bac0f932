package io.scalewatch.core.normalize;

import io.scalewatch.core.event.CloudProvider;
import java.util.Objects;

/**
 * How many records a read saw, per cloud: read = normalized + quarantined. Records whose cloud could not
 * be told (malformed JSON, unknown shapes) count under {@link #unknown()}.
 *
 * <pre>{@code
 * ReadCounts all = ReadCounts.none();
 * for (Path file : files) {
 *     all = all.plus(reader.read(file, sink));
 * }
 * }</pre>
 */
public record ReadCounts(Counts aws, Counts gcp, Counts azure, Counts unknown) {
    /** Counts of one cloud (or of all): records read, normalized and quarantined. */
    public record Counts(long read, long normalized, long quarantined) {
        /** No records. */
        public static final Counts ZERO = new Counts(0, 0, 0);

        public Counts {
            if (read < 0 || normalized < 0 || quarantined < 0) {
                throw new IllegalArgumentException("counts must be >= 0, got read=" + read + " normalized="
                        + normalized + " quarantined=" + quarantined);
            }
            if (normalized + quarantined != read) {
                throw new IllegalArgumentException("normalized (" + normalized + ") + quarantined (" + quarantined
                        + ") must equal read (" + read + ")");
            }
        }

        /** Sum of two counts. */
        public Counts plus(Counts other) {
            return new Counts(read + other.read, normalized + other.normalized, quarantined + other.quarantined);
        }

        /** Share of records read that normalized, 1.0 when none were read. */
        public double normalizedRatio() {
            return read == 0 ? 1.0 : (double) normalized / read;
        }
    }

    public ReadCounts {
        aws = Objects.requireNonNullElse(aws, Counts.ZERO);
        gcp = Objects.requireNonNullElse(gcp, Counts.ZERO);
        azure = Objects.requireNonNullElse(azure, Counts.ZERO);
        unknown = Objects.requireNonNullElse(unknown, Counts.ZERO);
    }

    /** No records at all. */
    public static ReadCounts none() {
        return new ReadCounts(Counts.ZERO, Counts.ZERO, Counts.ZERO, Counts.ZERO);
    }

    /** Counts of one cloud. */
    public Counts of(CloudProvider cloud) {
        return switch (Objects.requireNonNull(cloud, "cloud")) {
            case AWS -> aws;
            case GCP -> gcp;
            case AZURE -> azure;
        };
    }

    /** Counts over every cloud and the unknown ones. */
    public Counts total() {
        return aws.plus(gcp).plus(azure).plus(unknown);
    }

    /** Records read in total. */
    public long read() {
        return total().read();
    }

    /** Records normalized in total. */
    public long normalized() {
        return total().normalized();
    }

    /** Records quarantined in total. */
    public long quarantined() {
        return total().quarantined();
    }

    /** Sum of two reads, e.g. of several files. */
    public ReadCounts plus(ReadCounts other) {
        return new ReadCounts(aws.plus(other.aws), gcp.plus(other.gcp), azure.plus(other.azure),
                unknown.plus(other.unknown));
    }
}
