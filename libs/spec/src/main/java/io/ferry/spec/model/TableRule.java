package io.ferry.spec.model;

import java.util.List;

/**
 * The closure rule of one table.
 *
 * @param mode   null for the default closure rule
 * @param filter an SQL boolean expression over one row; rows failing it are left out; null for none
 * @param limit  the most rows the table may contribute, else the run aborts; null for no limit
 * @param owner  the table's ownership path: references from this table up to the tenant table; empty
 *               to use the plan's first downward path
 */
public record TableRule(TableMode mode, String filter, Long limit, List<Ref> owner) {

    public TableRule {
        owner = List.copyOf(owner);
    }
}
