package io.ferry.loader.load;

import io.ferry.schema.graph.BreakMethod;
import io.ferry.schema.graph.DependencyGraph;
import io.ferry.schema.graph.LoadGroup;
import io.ferry.schema.model.EstateSchema;
import io.ferry.schema.model.StoreSchema;
import io.ferry.schema.model.TableId;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The order in which a run's tables go into one CERT store: CERT's own dependency order (its declared
 * foreign keys, parents first), because CERT's constraints are what every insert must satisfy.
 */
final class StoreOrder {

    private StoreOrder() {
    }

    /**
     * @throws LoadRefusedException for a cycle among the tables that deferring constraints does not get past
     *                              (nullable or NOT NULL breaks need fix-up updates or one statement: not yet)
     */
    static List<TableId> forLoad(StoreSchema cert, Collection<TableId> tables) {
        List<TableId> order = new ArrayList<>();
        for (LoadGroup group : groups(cert)) {
            List<TableId> members = group.tables().stream().filter(tables::contains).toList();
            // A table that references itself goes in one INSERT, whose foreign keys PostgreSQL checks at its end.
            boolean selfReference = group.tables().size() == 1;
            if (!members.isEmpty() && group.cyclic() && !selfReference && group.cycle().breaks().stream()
                    .anyMatch(b -> b.method() != BreakMethod.DEFER)) {
                throw new LoadRefusedException(cert.store(), "tables " + group.tables() + " form a cycle ("
                        + group.cycle().explanation() + "); this loader handles only cycles broken by deferrable"
                        + " constraints so far");
            }
            order.addAll(members);
        }
        return order;
    }

    /** Children first: the order in which a run's rows come out again. */
    static List<TableId> forRemoval(StoreSchema cert, Collection<TableId> tables) {
        List<TableId> order = new ArrayList<>();
        groups(cert).forEach(g -> g.tables().stream().filter(tables::contains).forEach(order::add));
        return order.reversed();
    }

    private static List<LoadGroup> groups(StoreSchema cert) {
        return DependencyGraph.of(new EstateSchema(List.of(cert), List.of())).loadOrder(cert.store());
    }
}
