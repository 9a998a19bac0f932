package io.scalewatch.aws.collect;

/** The collecting thread was interrupted while it waited for a rate limit, a retry or a query. */
public final class CollectionInterruptedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An interrupted wait; the thread's interrupt flag is set again before this is thrown. */
    public CollectionInterruptedException(String message) {
        super(message);
    }
}
