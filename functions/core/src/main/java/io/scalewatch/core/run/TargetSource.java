package io.scalewatch.core.run;

import io.scalewatch.core.checkpoint.ScanWindow;
import io.scalewatch.core.scan.EventSource;
import java.time.Instant;

/** Opens the activity of one target for one window: the cloud modules' collectors behind one shape. */
public interface TargetSource {
    /** The events of a target in a window, read by the scan; collection stops early when the deadline nears. */
    Collection open(ScanTarget target, ScanWindow window, Deadline deadline);

    /** An event source that, once read, says up to when it handed over every event of the window. */
    interface Collection extends EventSource {
        /**
         * Every event before this instant was handed to the sink (the window end when collection finished,
         * earlier when it stopped for the deadline). Valid after {@link #read}; the checkpoint moves here.
         */
        Instant coveredUntil();
    }
}
