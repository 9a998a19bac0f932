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
    /** Whether the open capture was copied out of the ring (only when a record outgrows it). */
    private boolean spilled;

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

    /**
     * Starts capturing at absolute offset {@code start}, which must still be in the ring. Nothing is copied
     * here: a capture is opened for every record but used only for the few that are quarantined, so the
     * bytes stay in the ring until the record ends or is about to be overwritten.
     */
    void startCapture(long start) {
        captureStart = Math.max(start, Math.max(0, position - RING));
        captured = 0;
        spilled = false;
    }

    /** Stops capturing without using the bytes. */
    void cancelCapture() {
        captureStart = -1;
        spilled = false;
    }

    /** Stops capturing and returns the bytes from the capture start up to absolute offset {@code end}. */
    Raw endCapture(long end) {
        if (captureStart < 0) {
            return new Raw("", false);
        }
        long length = Math.max(0, end - captureStart);
        int kept;
        byte[] bytes;
        if (spilled) {
            kept = (int) Math.min(length, captured);
            bytes = capture;
        } else {
            kept = (int) Math.min(Math.min(length, CAP), position - captureStart);
            bytes = new byte[kept];
            copyFromRing(captureStart, bytes, 0, kept);
        }
        captureStart = -1;
        spilled = false;
        return new Raw(Text.utf8Prefix(bytes, kept, CAP), length > CAP);
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
        if (n <= 0) {
            return n;
        }
        if (captureStart >= 0 && !spilled && position + n - RING > captureStart) {
            spill();
        }
        if (spilled && captured < CAP) {
            int take = Math.min(n, CAP - captured);
            System.arraycopy(buffer, offset, capture, captured, take);
            captured += take;
        }
        copyToRing(buffer, offset, n);
        position += n;
        return n;
    }

    // The open capture is about to be overwritten in the ring: keep its first bytes aside.
    private void spill() {
        if (capture == null) {
            capture = new byte[CAP];
        }
        captured = (int) Math.min(CAP, position - captureStart);
        copyFromRing(captureStart, capture, 0, captured);
        spilled = true;
    }

    private void copyToRing(byte[] source, int offset, int length) {
        int skip = Math.max(0, length - RING);
        long at = position + skip;
        int remaining = length - skip;
        int from = offset + skip;
        while (remaining > 0) {
            int index = (int) (at % RING);
            int chunk = Math.min(remaining, RING - index);
            System.arraycopy(source, from, ring, index, chunk);
            at += chunk;
            from += chunk;
            remaining -= chunk;
        }
    }

    private void copyFromRing(long start, byte[] target, int offset, int length) {
        long at = start;
        int to = offset;
        int remaining = length;
        while (remaining > 0) {
            int index = (int) (at % RING);
            int chunk = Math.min(remaining, RING - index);
            System.arraycopy(ring, index, target, to, chunk);
            at += chunk;
            to += chunk;
            remaining -= chunk;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
