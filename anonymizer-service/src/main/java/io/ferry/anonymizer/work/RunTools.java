package io.ferry.anonymizer.work;

import io.ferry.anonymize.classify.RuleIndex;
import io.ferry.anonymize.strategy.Anonymizer;
import io.ferry.anonymize.text.TextScrubber;
import io.ferry.anonymizer.batch.BatchAnonymizer;
import io.ferry.anonymize.leak.LeakKey;
import io.ferry.anonymizer.rules.TableRules;
import io.ferry.schema.model.TableId;
import io.ferry.batches.BatchColumn;
import java.util.List;

/**
 * What anonymizing one run's batches needs, built once per run and spec: the spec's rules, the anonymizer
 * under the spec's key, the free-text scrubber with the run's dictionary, the leak key.
 */
public record RunTools(RuleIndex rules, Anonymizer anonymizer, TextScrubber scrubber, LeakKey leakKey) {

    public TableRules bind(TableId table, List<BatchColumn> columns) {
        return TableRules.bind(rules, anonymizer, table, columns);
    }

    public BatchAnonymizer batchAnonymizer() {
        return new BatchAnonymizer(anonymizer, scrubber, leakKey);
    }

    public int keyVersion() {
        return anonymizer.keyVersion();
    }
}
