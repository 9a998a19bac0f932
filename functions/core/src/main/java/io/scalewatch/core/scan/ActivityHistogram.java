package io.scalewatch.core.scan;

import java.util.List;

/**
 * Activity of the watched identity per time bucket, for the report's timeline: counts, never events.
 *
 * @param bucketMs width of every bucket, epoch ms; a step of {@link ActivityTimeline#WIDTHS_MS}
 * @param buckets the non-empty buckets in time order
 * @param undated in-scope events without a time (counted, placed in no bucket)
 */
public record ActivityHistogram(long bucketMs, List<Bucket> buckets, long undated) {
    /** An empty histogram at the finest width. */
    public static final ActivityHistogram EMPTY = new ActivityHistogram(ActivityTimeline.WIDTHS_MS[0], List.of(), 0);

    public ActivityHistogram {
        if (bucketMs < 1) {
            throw new IllegalArgumentException("bucketMs must be at least 1, got " + bucketMs);
        }
        buckets = List.copyOf(buckets);
        if (undated < 0) {
            throw new IllegalArgumentException("undated must not be negative, got " + undated);
        }
    }

    /** Dated events in all buckets. */
    public long events() {
        return buckets.stream().mapToLong(Bucket::events).sum();
    }

    /**
     * One bucket.
     *
     * @param startMs start of the bucket, epoch ms, a multiple of the histogram's width
     * @param events events in it
     * @param failures of them, calls that failed
     * @param writes of them, calls the log does not mark read-only
     */
    public record Bucket(long startMs, long events, long failures, long writes) {
        public Bucket {
            if (events < 0 || failures < 0 || writes < 0 || failures > events || writes > events) {
                throw new IllegalArgumentException("bucket counts must satisfy 0 <= failures, writes <= events, got "
                        + events + "/" + failures + "/" + writes);
            }
        }
    }
}
