package io.ferry.loader.load;

import io.ferry.schema.graph.CycleBreak;
import io.ferry.schema.graph.DependencyGraph;
import io.ferry.schema.graph.LoadGroup;
import io.ferry.schema.model.EstateSchema;
import io.ferry.schema.model.Reference;
import io.ferry.schema.model.StoreSchema;
import io.ferry.schema.model.TableId;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The order in which a run's tables go into one CERT store: CERT's own dependency order (its declared
 * foreign keys, parents first), because CERT's constraints are what every insert must satisfy.
 */
final class StoreOrder {

    private StoreOrder() {
    }

    /**
     * The tables in load order, and the references a cycle is broken at by inserting NULL first and setting the
     * value once every table of the cycle is in (deferrable breaks need nothing: constraints are deferred).
     *
     * @param tables     the run's tables in this order
     * @param nullFirst  per table, the nullable references inserted as NULL and fixed up afterwards
     */
    record Order(List<TableId> tables, Map<TableId, List<Reference>> nullFirst) {
    }

    /**
     * @throws LoadRefusedException for a cycle whose references are all NOT NULL and not deferrable (it needs
     *                              every table in one statement, which this loader does not do yet)
     */
    static Order forLoad(StoreSchema cert, Collection<TableId> tables) {
        List<TableId> order = new ArrayList<>();
        Map<TableId, List<Reference>> nullFirst = new LinkedHashMap<>();
        for (LoadGroup group : groups(cert)) {
            List<TableId> members = group.tables().stream().filter(tables::contains).toList();
            // A table that references itself goes in one INSERT, whose foreign keys PostgreSQL checks at its end.
            boolean selfReference = group.tables().size() == 1;
            if (!members.isEmpty() && group.cyclic() && !selfReference) {
                for (CycleBreak b : group.cycle().breaks()) {
                    switch (b.method()) {
                        case ONE_STATEMENT -> throw new LoadRefusedException(cert.store(), "tables " + group.tables()
                                + " form a cycle (" + group.cycle().explanation() + "); loading such a cycle in one"
                                + " statement is not implemented yet: make one of its foreign keys DEFERRABLE in CERT");
                        case NULL_THEN_UPDATE -> {
                            if (members.contains(b.reference().from()) && members.contains(b.reference().to())) {
                                nullFirst.computeIfAbsent(b.reference().from(), t -> new ArrayList<>()).add(b.reference());
                            }
                        }
                        case DEFER, UNENFORCED -> {
                        }
                    }
                }
            }
            order.addAll(members);
        }
        return new Order(order, nullFirst);
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
