package io.scalewatch.core.dispatch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The outcomes of one SQS batch, in record order; {@link #toResponse()} is what the handler returns. */
public record QueuedBatch(List<QueuedOutcome> outcomes) {
    public QueuedBatch {
        outcomes = List.copyOf(outcomes);
    }

    /** The records SQS must deliver again. */
    public List<QueuedOutcome> failures() {
        return outcomes.stream().filter(QueuedOutcome::failed).toList();
    }

    /**
     * SQS's partial batch response: {@code {"batchItemFailures": [{"itemIdentifier": "<message id>"}, ...]}} (an
     * empty list when every record succeeded). A failed record without a message id is reported with an empty
     * identifier, which makes Lambda retry the whole batch: nothing is dropped unseen.
     */
    public Map<String, Object> toResponse() {
        List<Map<String, Object>> failures = new ArrayList<>();
        for (QueuedOutcome outcome : failures()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("itemIdentifier", outcome.messageId());
            failures.add(item);
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("batchItemFailures", failures);
        return response;
    }
}
