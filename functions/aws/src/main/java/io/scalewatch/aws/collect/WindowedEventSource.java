package io.scalewatch.aws.collect;

import io.scalewatch.core.checkpoint.ScanWindow;
import io.scalewatch.core.scan.EventSource;
import java.time.Instant;

/**
 * An {@link EventSource} that collects one {@link ScanWindow} of a cloud API and says how far it got, so the
 * run can checkpoint exactly what was handed over. {@link #read} may be called once.
 *
 * <pre>{@code
 * ReadCounts counts = collector.read(sink);
 * Instant safe = collector.coveredUntil(); // never past an event that was not handed over
 * }</pre>
 */
public interface WindowedEventSource extends EventSource {
    /** The window asked for. */
    ScanWindow window();

    /**
     * After {@link #read}: the instant up to which (exclusive) every event of the window was handed to the
     * sink. The window's end when complete; the window's start before {@code read} or when nothing is
     * certain. A checkpoint must not move past it.
     */
    Instant coveredUntil();

    /**
     * After {@link #read}: counts, coverage and why it stopped early.
     *
     * @throws IllegalStateException before {@code read}
     */
    CollectionReport report();
}
