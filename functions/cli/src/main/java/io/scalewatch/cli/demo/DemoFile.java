package io.scalewatch.cli.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One data file of the demo dataset.
 *
 * @param path path below the dataset root, e.g. {@code aws/111122223333_CloudTrail_us-east-1_..._background.json.gz}
 * @param format how the file is written
 * @param entries the records, written in time order
 */
record DemoFile(String path, DemoFormat format, List<Entry> entries) {
    DemoFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(format, "format");
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Entry.BY_TIME);
        entries = List.copyOf(sorted);
    }

    /** True for files that hold injected incidents; a scan of the other files sees only benign activity. */
    boolean incidents() {
        return path.contains("_incidents");
    }
}
