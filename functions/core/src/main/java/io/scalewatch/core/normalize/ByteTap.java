package io.scalewatch.core.normalize;

import java.io.IOException;
import java.io.InputStream;

/**
 * Passes bytes through and keeps what is needed to show a record's raw text: a ring of the bytes read
 * last (the parser reads ahead, so a record's first bytes were read before the parser reports its start)
 * and, while a capture is open, the bytes from the capture's start, up to {@link QuarantinedRecord#MAX_RAW_BYTES}.
 */
final class ByteTap extends InputStream {
    /** Larger than any read-ahead between this stream and the parser (line buffer 64 KiB + parser 8 KB). */
    private static final int RING = 256 * 1024;
    private static final int CAP = QuarantinedRecord.MAX_RAW_BYTES;

    /** A captured record text and whether it was cut at the cap. */
    record Raw(String text, boolean truncated) {}

    private final InputStream in;
    private final byte[] ring = new byte[RING];
    private long position;
    private byte[] capture;
    private int captured;
    private long captureStart = -1;

    ByteTap(InputStream in) {
        this.in = in;
    }

    /** Bytes read so far. */
    long position() {
        return position;
    }

    boolean capturing() {
        return captureStart >= 0;
    }

    /** Starts capturing at absolute offset {@code start}, which must still be in the ring. */
    void startCapture(long start) {
        long from = Math.max(start, Math.max(0, position - RING));
        if (capture == null) {
            capture = new byte[CAP];
        }
        captureStart = from;
        captured = 0;
        for (long offset = from; offset < position && captured < CAP; offset++) {
            capture[captured++] = ring[(int) (offset % RING)];
        }
    }

    /** Stops capturing without using the bytes. */
    void cancelCapture() {
        captureStart = -1;
    }

    /** Stops capturing and returns the bytes from the capture start up to absolute offset {@code end}. */
    Raw endCapture(long end) {
        if (captureStart < 0) {
            return new Raw("", false);
        }
        long length = Math.max(0, end - captureStart);
        int kept = (int) Math.min(length, captured);
        captureStart = -1;
        String text = Text.utf8Prefix(capture, kept, CAP);
        return new Raw(text, length > CAP);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        for (int i = 0; i < n; i++) {
            byte b = buffer[offset + i];
            ring[(int) ((position + i) % RING)] = b;
            if (captureStart >= 0 && captured < CAP) {
                capture[captured++] = b;
            }
        }
        if (n > 0) {
            position += n;
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
