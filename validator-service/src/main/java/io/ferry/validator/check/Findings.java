package io.ferry.validator.check;

import io.ferry.contracts.messages.Finding;
import io.ferry.contracts.messages.Severity;
import io.ferry.contracts.messages.ValidationStatus;
import io.ferry.schema.model.TableId;

import java.util.ArrayList;
import java.util.List;

/** What the checks found, in the order they found it, and the verdict it adds up to. */
public final class Findings {

    private final List<Finding> list = new ArrayList<>();

    public synchronized void add(String check, Severity severity, TableId table, String column, long count,
            List<String> examples) {
        list.add(new Finding(check, severity, table.store(), table.qualified(), column, count, examples));
    }

    /** Adds another's findings after these, in their order. */
    public void addAll(Findings other) {
        List<Finding> more = other.list();
        synchronized (this) {
            list.addAll(more);
        }
    }

    public synchronized List<Finding> list() {
        return List.copyOf(list);
    }

    /** {@code FAILED} with any error, {@code PASSED_WITH_WARNINGS} with only warnings, else {@code PASSED}. */
    public synchronized ValidationStatus status() {
        if (list.stream().anyMatch(f -> f.severity() == Severity.ERROR)) {
            return ValidationStatus.FAILED;
        }
        return list.isEmpty() ? ValidationStatus.PASSED : ValidationStatus.PASSED_WITH_WARNINGS;
    }
}
