package io.scalewatch.gcp.auth;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Captures what a run writes: System.out, System.err, every java.util.logging record that reaches the root at the
 * levels in force (System.Logger's default backend), scalewatch's own loggers at every level, and whatever the
 * test adds (exception texts with stack traces).
 */
final class OutputCapture implements AutoCloseable {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final StringBuilder extra = new StringBuilder();
    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;
    private final Logger root = Logger.getLogger("");
    private final Logger scalewatch = Logger.getLogger("io.scalewatch");
    private final Level scalewatchLevel = scalewatch.getLevel();
    private final Handler handler = new Handler() {
        private final SimpleFormatter format = new SimpleFormatter();

        @Override
        public synchronized void publish(LogRecord record) {
            extra.append(format.format(record));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    OutputCapture() {
        PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
        scalewatch.setLevel(Level.ALL);
    }

    /** Adds an exception as it would be logged: its toString and stack trace, causes included. */
    synchronized void exception(Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        extra.append(trace);
    }

    synchronized void text(String text) {
        extra.append(text).append('\n');
    }

    synchronized String text() {
        return bytes.toString(StandardCharsets.UTF_8) + extra;
    }

    @Override
    public void close() {
        System.setOut(originalOut);
        System.setErr(originalErr);
        root.removeHandler(handler);
        scalewatch.setLevel(scalewatchLevel);
    }
}
