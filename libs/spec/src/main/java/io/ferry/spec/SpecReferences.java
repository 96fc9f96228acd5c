package io.ferry.spec;

import io.ferry.schema.model.Column;
import io.ferry.schema.model.EstateSchema;
import io.ferry.schema.model.Reference;
import io.ferry.schema.model.Table;
import io.ferry.spec.model.Link;
import io.ferry.spec.model.Spec;

import java.util.List;
import java.util.Optional;

/**
 * Turns the spec's links into schema references, the form the dependency graph and the closure
 * engine consume: {@link Reference.Origin#JSON_PATH} for a JSON path, {@link Reference.Origin#VIRTUAL}
 * inside one store, {@link Reference.Origin#LINK} across stores.
 */
public final class SpecReferences {

    private SpecReferences() {
    }

    /**
     * @param schema used for nullability only: a referencing column's own; true where unknown (a graph
     *               property, a JSON path, a column the schema lacks)
     */
    public static List<Reference> of(Spec spec, EstateSchema schema) {
        return spec.links().stream().map(link -> reference(link, schema)).toList();
    }

    /** The name a link's reference carries: {@code link:} and its text, unique within a spec. */
    public static String name(Link link) {
        return "link:" + link.from() + "->" + link.to();
    }

    private static Reference reference(Link link, EstateSchema schema) {
        Reference.Origin origin = link.from().jsonPath() != null ? Reference.Origin.JSON_PATH
                : link.from().table().store().equals(link.to().table().store()) ? Reference.Origin.VIRTUAL
                : Reference.Origin.LINK;
        Optional<Table> table = schema.table(link.from().table());
        boolean nullable = link.from().jsonPath() != null || link.from().graph() || table.isEmpty()
                || link.from().columns().stream().anyMatch(c -> table.get().column(c).map(Column::nullable).orElse(true));
        return new Reference(name(link), link.from().table(), link.from().columns(), link.to().table(),
                link.to().columns(), nullable, false, origin, link.from().jsonPath());
    }
}
