package io.scalewatch.core.scan;

import io.scalewatch.core.normalize.ReadCounts;
import io.scalewatch.core.normalize.RecordSink;

/**
 * Where a scan's events come from: local files here; CloudTrail, Cloud Logging and Azure Monitor
 * collectors in the cloud modules. A source streams: it hands each normalized event or quarantined
 * record to the sink as it reads, and never holds a whole window.
 */
public interface EventSource {
    /** What is read, for the summary (a file path, {@code cloudtrail:lookup 123456789012/us-east-1}, ...). */
    String name();

    /**
     * Reads every record of the source into the sink.
     *
     * @return how many records were read, normalized and quarantined, per cloud
     */
    ReadCounts read(RecordSink sink);
}
