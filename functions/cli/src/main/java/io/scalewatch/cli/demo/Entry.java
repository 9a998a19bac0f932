package io.scalewatch.cli.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;

/** One generated log record and the instant it happened, for ordering within a file. */
record Entry(long timeMs, ObjectNode node) {
    static final Comparator<Entry> BY_TIME = Comparator.comparingLong(Entry::timeMs);
}
