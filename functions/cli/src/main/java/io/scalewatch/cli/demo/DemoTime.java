package io.scalewatch.cli.demo;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The demo day (2026-11-24, UTC) and the timestamp spellings each cloud's logs use. */
final class DemoTime {
    static final long DAY_START_MS = Instant.parse("2026-11-24T00:00:00Z").toEpochMilli();
    static final long SECOND = 1_000L;
    static final long MINUTE = 60 * SECOND;
    static final long HOUR = 60 * MINUTE;
    static final long DAY = 24 * HOUR;
    /** The 10-minute buckets window rules count in. */
    static final long BUCKET = 10 * MINUTE;

    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOUDTRAIL_HUMAN =
            DateTimeFormatter.ofPattern("MMM d, yyyy, h:mm:ss a", Locale.US).withZone(ZoneOffset.UTC);

    private DemoTime() {
    }

    /** Milliseconds of hh:mm:ss on the demo day. */
    static long at(int hour, int minute, int second) {
        return DAY_START_MS + hour * HOUR + minute * MINUTE + second * SECOND;
    }

    /** CloudTrail eventTime: {@code 2026-11-24T13:05:12Z}. */
    static String iso(long ms) {
        return SECONDS.format(Instant.ofEpochMilli(ms));
    }

    /** Cloud Logging timestamp with microseconds: {@code 2026-11-24T13:05:12.345678Z}. */
    static String isoMicros(long ms, int microsWithinMilli) {
        return fraction(ms, 6, (ms % 1000) * 1000 + microsWithinMilli);
    }

    /** Azure Monitor time with 7 fractional digits: {@code 2026-11-24T13:05:12.3456789Z}. */
    static String isoAzure(long ms, int ticksWithinMilli) {
        return fraction(ms, 7, (ms % 1000) * 10_000 + ticksWithinMilli);
    }

    /** The human spelling CloudTrail uses inside some responses: {@code Nov 24, 2026, 1:15:02 PM}. */
    static String human(long ms) {
        return CLOUDTRAIL_HUMAN.format(Instant.ofEpochMilli(ms));
    }

    private static String fraction(long ms, int digits, long value) {
        String whole = SECONDS.format(Instant.ofEpochMilli(ms));
        String frac = String.format(Locale.ROOT, "%0" + digits + "d", value);
        return whole.substring(0, whole.length() - 1) + "." + frac + "Z";
    }
}
