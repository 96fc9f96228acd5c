package io.ferry.loader.load;

import io.ferry.schema.graph.BreakMethod;
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
     * The tables in load order, in steps: one table, or every table of a cycle whose references are all NOT
     * NULL and not deferrable, inserted in one statement (PostgreSQL checks such references at its end). A
     * cycle broken at a nullable reference inserts NULL first and sets the value once every table of the cycle
     * is in; deferrable breaks need nothing, since constraints are deferred.
     *
     * @param steps     the run's tables in this order; a step of several tables goes in one statement
     * @param nullFirst per table, the nullable references inserted as NULL and fixed up afterwards
     */
    record Order(List<List<TableId>> steps, Map<TableId, List<Reference>> nullFirst) {

        List<TableId> tables() {
            return steps.stream().flatMap(List::stream).toList();
        }
    }

    static Order forLoad(StoreSchema cert, Collection<TableId> tables) {
        List<List<TableId>> steps = new ArrayList<>();
        Map<TableId, List<Reference>> nullFirst = new LinkedHashMap<>();
        for (LoadGroup group : groups(cert)) {
            List<TableId> members = group.tables().stream().filter(tables::contains).toList();
            if (members.isEmpty()) {
                continue;
            }
            // A table that references itself goes in one INSERT, whose foreign keys PostgreSQL checks at its end.
            boolean together = false;
            if (group.cyclic() && group.tables().size() > 1) {
                for (CycleBreak b : group.cycle().breaks()) {
                    if (b.method() == BreakMethod.ONE_STATEMENT) {
                        together = true;
                    } else if (b.method() == BreakMethod.NULL_THEN_UPDATE && members.contains(b.reference().from())
                            && members.contains(b.reference().to())) {
                        nullFirst.computeIfAbsent(b.reference().from(), t -> new ArrayList<>()).add(b.reference());
                    }
                }
            }
            if (together) {
                steps.add(members);
            } else {
                members.forEach(t -> steps.add(List.of(t)));
            }
        }
        return new Order(steps, nullFirst);
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
