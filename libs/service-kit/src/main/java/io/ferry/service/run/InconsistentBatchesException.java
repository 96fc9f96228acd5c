package io.ferry.service.run;

import io.ferry.schema.model.TableId;

/** Two batches of one table carry different columns: the run's staging is not one consistent extraction. */
public final class InconsistentBatchesException extends RuntimeException {

    public InconsistentBatchesException(TableId table, String key) {
        super("batch " + key + " of " + table + " has other columns than the table's first batch");
    }
}
