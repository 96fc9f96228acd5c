package io.ferry.schema.graph;

import io.ferry.schema.model.Reference;
import io.ferry.schema.model.TableId;
import java.util.List;

/**
 * A strongly connected component of one store's tables that holds at least one cycle (or a single
 * self-referencing table), with the references inside it and where it is broken.
 *
 * @param tables     sorted; for loading use {@link LoadGroup#tables()}, which is ordered
 * @param references every reference between two tables of the component
 * @param breaks     the references the loader gets past (a minimal set: keeping any one of them would
 *                   close a cycle again); for {@link CycleKind#NOT_NULL} the references that force
 *                   the single statement
 */
public record Cycle(List<TableId> tables, List<Reference> references, CycleKind kind, List<CycleBreak> breaks) {

    public Cycle {
        tables = List.copyOf(tables);
        references = List.copyOf(references);
        breaks = List.copyOf(breaks);
    }

    public String store() {
        return tables.get(0).store();
    }

    /** One sentence for people: where the cycle is broken and why. */
    public String explanation() {
        return switch (kind) {
            case NOT_NULL -> "every table inserted in one statement (writable CTE): " + describe(breaks)
                    + " NOT NULL and not deferrable";
            default -> "broken at " + describe(breaks) + ": " + breaks.stream().map(b -> reason(b.method())).distinct()
                    .reduce((a, b) -> a + "; " + b).orElse("");
        };
    }

    private static String describe(List<CycleBreak> breaks) {
        return String.join(", ", breaks.stream().map(b -> b.reference().describe()).toList())
                + (breaks.size() == 1 ? " is" : " are");
    }

    private static String reason(BreakMethod m) {
        return switch (m) {
            case UNENFORCED -> "no database enforces it, rewrite after";
            case DEFER -> "deferrable, deferred to commit";
            case NULL_THEN_UPDATE -> "nullable, inserted as NULL and set after";
            case ONE_STATEMENT -> "NOT NULL and not deferrable, inserted in one statement";
        };
    }
}
