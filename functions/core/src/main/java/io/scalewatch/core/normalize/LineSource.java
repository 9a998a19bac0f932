package io.scalewatch.core.normalize;

import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a stream into lines without holding a line in memory: each non-blank line is handed out as a
 * stream of its own (a CloudTrail S3 object is a single line of many megabytes). Blank lines are skipped
 * but counted, so line numbers match the file.
 */
final class LineSource {
    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private int pos;
    private int limit;
    private long bufferStart;
    private boolean eof;
    private long line;
    private long lineStart;
    private boolean inLine;
    private boolean terminated;

    LineSource(InputStream in) {
        this.in = in;
    }

    /** Moves to the next non-blank line; false at the end of the input. */
    boolean next() throws IOException {
        if (inLine) {
            drain();
        }
        while (fill()) {
            line++;
            while (fill() && isBlank(buffer[pos])) {
                pos++;
            }
            if (!fill()) {
                return false;
            }
            if (buffer[pos] == '\n') {
                pos++;
                continue;
            }
            lineStart = bufferStart + pos;
            inLine = true;
            return true;
        }
        return false;
    }

    /** 1-based number of the current line. */
    long lineNumber() {
        return line;
    }

    /** Absolute offset of the current line's first non-blank byte. */
    long lineStart() {
        return lineStart;
    }

    /** The current line's bytes from its first non-blank byte up to (not including) the newline. */
    InputStream stream() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n <= 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] out, int offset, int length) throws IOException {
                if (!inLine || length == 0) {
                    return inLine ? 0 : -1;
                }
                if (!fill()) {
                    return -1;
                }
                int end = Math.min(limit, pos + length);
                int i = pos;
                while (i < end && buffer[i] != '\n') {
                    i++;
                }
                int count = i - pos;
                if (count == 0) {
                    return -1;
                }
                System.arraycopy(buffer, pos, out, offset, count);
                pos += count;
                return count;
            }
        };
    }

    /** Skips the rest of the current line; returns the absolute offset where its content ends. */
    long drain() throws IOException {
        while (fill()) {
            if (buffer[pos] == '\n') {
                long end = bufferStart + pos;
                pos++;
                inLine = false;
                terminated = true;
                return end;
            }
            pos++;
        }
        inLine = false;
        terminated = false;
        return bufferStart + pos;
    }

    /** Whether the line last drained ended with a newline (false: it ended with the input). */
    boolean lastLineTerminated() {
        return terminated;
    }

    private boolean fill() throws IOException {
        if (pos < limit) {
            return true;
        }
        if (eof) {
            return false;
        }
        int n;
        do {
            n = in.read(buffer, 0, buffer.length);
        } while (n == 0);
        bufferStart += limit;
        pos = 0;
        if (n < 0) {
            limit = 0;
            eof = true;
            return false;
        }
        limit = n;
        return true;
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t' || b == '\r';
    }
}
