package io.scalewatch.core.scan;

import io.scalewatch.core.event.AuditEvent;
import io.scalewatch.core.event.EventStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts in-scope events per time bucket while a scan streams (the report's timeline). Memory is bounded:
 * when more than {@link #MAX_BUCKETS} buckets are in use, the width steps up to the next of
 * {@link #WIDTHS_MS} (each a multiple of the one before) and the counts are merged, so a window of any
 * length costs at most a few thousand counters. Not thread-safe: the pipeline feeds it from its reading thread.
 */
public final class ActivityTimeline {
    /** Bucket widths, finest first: 1, 5, 15, 30 minutes, 1, 3, 6, 12 hours, 1 and 7 days. */
    static final long[] WIDTHS_MS = {60_000L, 300_000L, 900_000L, 1_800_000L, 3_600_000L, 10_800_000L,
        21_600_000L, 43_200_000L, 86_400_000L, 604_800_000L};
    /** Buckets kept before the width steps up. */
    static final int MAX_BUCKETS = 4096;

    private final int maxBuckets;
    private int width;
    private TreeMap<Long, long[]> buckets = new TreeMap<>();
    private long undated;

    /** A timeline at the finest width. */
    public ActivityTimeline() {
        this(MAX_BUCKETS);
    }

    ActivityTimeline(int maxBuckets) {
        if (maxBuckets < 2) {
            throw new IllegalArgumentException("maxBuckets must be at least 2, got " + maxBuckets);
        }
        this.maxBuckets = maxBuckets;
    }

    /** Counts one in-scope event. */
    public void add(AuditEvent event) {
        if (!event.dated()) {
            undated++;
            return;
        }
        long[] counts = buckets.computeIfAbsent(Math.floorDiv(event.time().toEpochMilli(), WIDTHS_MS[width])
                * WIDTHS_MS[width], k -> new long[3]);
        counts[0]++;
        if (event.status() == EventStatus.FAILURE) {
            counts[1]++;
        }
        if (!event.metadata().readOnly()) {
            counts[2]++;
        }
        while (buckets.size() > maxBuckets && width < WIDTHS_MS.length - 1) {
            coarsen();
        }
    }

    /** The counts so far. */
    public ActivityHistogram snapshot() {
        List<ActivityHistogram.Bucket> out = new ArrayList<>(buckets.size());
        buckets.forEach((start, c) -> out.add(new ActivityHistogram.Bucket(start, c[0], c[1], c[2])));
        return new ActivityHistogram(WIDTHS_MS[width], out, undated);
    }

    private void coarsen() {
        width++;
        long size = WIDTHS_MS[width];
        TreeMap<Long, long[]> merged = new TreeMap<>();
        for (Map.Entry<Long, long[]> e : buckets.entrySet()) {
            long[] into = merged.computeIfAbsent(Math.floorDiv(e.getKey(), size) * size, k -> new long[3]);
            for (int i = 0; i < 3; i++) {
                into[i] += e.getValue()[i];
            }
        }
        buckets = merged;
    }
}
