package io.ferry.planning.districts;

import io.ferry.schema.model.Column;
import io.ferry.schema.model.EstateSchema;
import io.ferry.schema.model.Key;
import io.ferry.schema.model.Reference;
import io.ferry.schema.model.StoreKind;
import io.ferry.schema.model.StoreSchema;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableId;
import io.ferry.schema.model.TableKind;
import io.ferry.spec.model.Closure;
import io.ferry.spec.model.Districts;
import io.ferry.spec.model.EdgePolicy;
import io.ferry.spec.model.Ref;
import io.ferry.spec.model.Spec;
import io.ferry.spec.model.TableRule;
import io.ferry.spec.model.Tenant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hand-made schemas: ids.public.district(id, code) &lt;- school(district_id) &lt;- hcp.public.course(school_id). */
final class Schemas {

    static final TableId DISTRICT = TableId.parse("ids.public.district");
    static final TableId SCHOOL = TableId.parse("ids.public.school");
    static final TableId PERSON = TableId.parse("ids.public.person");
    static final TableId COURSE = TableId.parse("hcp.public.course");

    static final Reference SCHOOL_DISTRICT = fk(SCHOOL, "district_id", DISTRICT);
    static final Reference PERSON_SCHOOL = fk(PERSON, "school_id", SCHOOL);
    static final Reference PERSON_DISTRICT = fk(PERSON, "district_id", DISTRICT);
    static final Reference COURSE_SCHOOL = new Reference("link", COURSE, List.of("school_id"), SCHOOL, List.of("id"),
            false, false, Reference.Origin.LINK, null);

    private Schemas() {
    }

    static Table table(TableId id, long rows, long bytes, String... columns) {
        List<Column> cols = new ArrayList<>();
        for (String c : columns) {
            String[] nameType = c.split(" ", 2);
            cols.add(new Column(nameType[0], cols.size() + 1, nameType.length > 1 ? nameType[1] : "bigint", true,
                    Column.Generation.NONE, null));
        }
        return new Table(id, TableKind.TABLE, cols, new Key(id.name() + "_pkey", List.of("id"), true), List.of(),
                List.of(), List.of(), rows, bytes);
    }

    static EstateSchema estate() {
        StoreSchema ids = new StoreSchema("ids", StoreKind.POSTGRES, List.of(
                table(DISTRICT, 2, 100, "id", "code text"),
                table(SCHOOL, 3, 300, "id", "district_id"),
                table(PERSON, 10, 1000, "id", "school_id", "district_id", "kind text")),
                List.of(SCHOOL_DISTRICT, PERSON_SCHOOL, PERSON_DISTRICT), "x");
        StoreSchema hcp = new StoreSchema("hcp", StoreKind.POSTGRES, List.of(
                table(COURSE, 19, 1900, "id", "school_id", "created_at timestamp with time zone")), List.of(), "y");
        return new EstateSchema(List.of(ids, hcp), List.of(COURSE_SCHOOL));
    }

    static Spec spec(Closure closure) {
        return new Spec(1, Map.of(), new Tenant(DISTRICT, List.of("code")), List.of(), closure, null, List.of(), List.of(), null,
                List.of(), null, Districts.NONE, null);
    }

    static Closure closure(Map<Ref, EdgePolicy> edges, Map<Ref, TableRule> tables) {
        return new Closure(new LinkedHashMap<>(edges), new LinkedHashMap<>(tables), null, null, null);
    }

    static Ref ref(TableId table, String... columns) {
        return new Ref(table, Arrays.asList(columns), null);
    }

    private static Reference fk(TableId from, String column, TableId to) {
        return new Reference(from.name() + "_" + column + "_fkey", from, List.of(column), to, List.of("id"), false,
                false, Reference.Origin.FOREIGN_KEY, null);
    }
}
