package io.ferry.planning.districts;

import io.ferry.schema.model.EstateSchema;
import io.ferry.schema.model.Reference;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableId;
import io.ferry.spec.model.Districts;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What counts as a student, a staff member or a school: the owned rows of one table, optionally
 * filtered ({@code students=ids.public.person:kind = 'student'}). They come from the spec's
 * {@code districts.counts}, each overridden by a {@code --count} of the same name, or, when neither
 * names any, from tables named {@code person} (with a {@code kind} column) and {@code school}.
 *
 * @param filter an SQL condition over the table's own columns, or null for every owned row
 */
public record Headcount(Kind kind, TableId table, String filter) {

    /** The manifest's people and place fields. */
    public enum Kind {
        STUDENTS, STAFF, SCHOOLS
    }

    /** The spec's counts ({@code districts.counts}), whose names the parser limits to the three kinds. */
    public static List<Headcount> of(Map<String, Districts.Count> counts) {
        return counts.entrySet().stream().map(e -> new Headcount(Kind.valueOf(e.getKey().toUpperCase(Locale.ROOT)),
                e.getValue().table(), e.getValue().where())).toList();
    }

    /** {@code defaults} with each kind that {@code overrides} names replaced, in kind order. */
    public static List<Headcount> override(List<Headcount> defaults, List<Headcount> overrides) {
        Map<Kind, Headcount> byKind = new EnumMap<>(Kind.class);
        defaults.forEach(h -> byKind.put(h.kind(), h));
        overrides.forEach(h -> byKind.put(h.kind(), h));
        return List.copyOf(byKind.values());
    }

    /**
     * Parses {@code students|staff|schools=store.schema.table[:SQL condition]}.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static Headcount parse(String text) {
        int eq = text.indexOf('=');
        if (eq < 0) {
            throw new IllegalArgumentException("--count '" + text + "' is not NAME=store.schema.table[:condition]");
        }
        Kind kind = switch (text.substring(0, eq).trim()) {
            case "students" -> Kind.STUDENTS;
            case "staff" -> Kind.STAFF;
            case "schools" -> Kind.SCHOOLS;
            default -> throw new IllegalArgumentException("--count name must be students, staff or schools, not '"
                    + text.substring(0, eq).trim() + "'");
        };
        String rest = text.substring(eq + 1);
        int colon = rest.indexOf(':');
        String table = colon < 0 ? rest : rest.substring(0, colon);
        String filter = colon < 0 || rest.substring(colon + 1).isBlank() ? null : rest.substring(colon + 1).trim();
        return new Headcount(kind, TableId.parse(table.trim()), filter);
    }

    /**
     * The counts named by table: students and staff from an owned {@code person} table with a
     * {@code kind} column ({@code 'student'}, {@code 'staff'}), schools from an owned {@code school} table.
     */
    public static List<Headcount> detect(EstateSchema schema, Map<TableId, List<Reference>> paths) {
        List<Headcount> found = new ArrayList<>();
        owned(schema, paths, "person").filter(t -> t.column("kind").isPresent()).ifPresent(t -> {
            found.add(new Headcount(Kind.STUDENTS, t.id(), "kind = 'student'"));
            found.add(new Headcount(Kind.STAFF, t.id(), "kind = 'staff'"));
        });
        owned(schema, paths, "school").ifPresent(t -> found.add(new Headcount(Kind.SCHOOLS, t.id(), null)));
        return found;
    }

    private static Optional<Table> owned(EstateSchema schema, Map<TableId, List<Reference>> paths, String name) {
        return paths.keySet().stream().filter(id -> id.name().equals(name)).findFirst().flatMap(schema::table);
    }
}
