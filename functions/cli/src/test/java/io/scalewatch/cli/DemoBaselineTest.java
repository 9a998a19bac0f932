package io.scalewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalewatch.core.baseline.BaselineFold;
import io.scalewatch.core.baseline.BaselineJson;
import io.scalewatch.core.baseline.BaselineSettings;
import io.scalewatch.core.baseline.IdentityBaseline;
import io.scalewatch.core.baseline.Observation;
import io.scalewatch.core.report.ScanReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the demo's bundled history ({@code demo/baseline.json}) is produced, and a check that it still is: the
 * background (benign) activity of the demo day is scanned and folded, then spread over the four weeks before the
 * demo day, as if every one of those 28 days had looked like it (one run per 15 minutes: 2,688 runs; each value
 * first seen on the first day at its time of day, last seen the day before the demo, 28 times as often). Rewrite
 * the file after changing the demo data or the rules with
 * {@code -Ddemo.baseline.write=functions/cli/src/main/resources/demo/baseline.json}.
 */
class DemoBaselineTest {
    private static final long DAY = 86_400_000L;
    private static final int WEEKS_DAYS = 28;
    private static final long DEMO_DAY = Instant.parse("2026-11-24T00:00:00Z").toEpochMilli();

    @TempDir
    Path dir;

    static IdentityBaseline learnedFromTheBackground(Path dir) {
        Path input = dir.resolve("input");
        DemoCommand.extract(input);
        ScanReport report = LocalScan.run(new LocalScan.Options(DemoData.activity(input, false), DemoData.identity(),
                List.of(), "castai", Optional.empty(), Optional.empty(), Optional.of(input.resolve("settings.json")),
                dir.resolve("background"), 2, 1000));
        IdentityBaseline day = BaselineFold.fold(IdentityBaseline.empty(), report.evaluation().stats(), DEMO_DAY,
                DEMO_DAY + DAY, BaselineSettings.DEFAULT);
        return spreadOverTheWeeksBefore(day);
    }

    private static IdentityBaseline spreadOverTheWeeksBefore(IdentityBaseline day) {
        Map<String, Map<String, Observation>> seen = new TreeMap<>();
        day.seen().forEach((dimension, values) -> {
            Map<String, Observation> weeks = new TreeMap<>();
            values.forEach((value, o) -> weeks.put(value, new Observation(o.firstMs() - WEEKS_DAYS * DAY,
                    o.lastMs() - DAY, o.count() * WEEKS_DAYS)));
            seen.put(dimension, weeks);
        });
        return new IdentityBaseline(DEMO_DAY - WEEKS_DAYS * DAY, DEMO_DAY, WEEKS_DAYS * 96L, seen);
    }

    private static IdentityBaseline bundled() {
        try (InputStream in = DemoBaselineTest.class.getResourceAsStream("/demo/baseline.json")) {
            return BaselineJson.read(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void bundledBaseline_isTheBackgroundSpreadOverFourWeeks() throws IOException {
        IdentityBaseline learned = learnedFromTheBackground(dir);
        String target = System.getProperty("demo.baseline.write", "");
        if (!target.isBlank()) {
            Files.write(Path.of(target), BaselineJson.write(learned));
        }

        assertThat(bundled()).isEqualTo(learned);
        assertThat(learned.seen()).containsKeys("region", "action", "hour", "network", "user_agent",
                "instance_family", "image_source");
        assertThat(learned.updatedMs() - learned.startedMs()).isEqualTo(WEEKS_DAYS * DAY);
    }
}
