package io.ferry.estate.graph;

import io.ferry.estate.model.DistrictModel;
import io.ferry.estate.model.Entities.*;
import io.ferry.estate.model.World;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code sp} graph of a world: District, School, Person and Class nodes carrying the relational
 * keys of the same entities ({@code districtId}, {@code schoolId}, {@code personId}, {@code sectionId}),
 * and PART_OF, MEMBER_OF, ENROLLED_IN, TEACHES, HELD_AT, GUARDIAN_OF and CONNECTED_TO relationships.
 * Guardians appear only when they hold a portal account.
 */
public final class GraphModel {
    private GraphModel() {
    }

    /** label -> key property; uniqueness constraints are created on these. */
    public static final Map<String, String> KEYS = orderedKeys();

    private static Map<String, String> orderedKeys() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("District", "districtId");
        m.put("School", "schoolId");
        m.put("Person", "personId");
        m.put("Class", "sectionId");
        return java.util.Collections.unmodifiableMap(m);
    }

    public static final List<String> REL_TYPES = List.of("PART_OF", "MEMBER_OF", "HELD_AT", "TEACHES", "ENROLLED_IN",
            "GUARDIAN_OF", "CONNECTED_TO");

    static boolean inGraph(Person p) {
        return p.kind != Kind.GUARDIAN || p.account >= 0;
    }

    private static Map<String, Object> props(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] != null) {
                m.put((String) kv[i], kv[i + 1]);
            }
        }
        return m;
    }

    public static void emit(World w, GraphSink sink) {
        for (DistrictModel d : w.districts) {
            sink.node("District", d.index, props("districtId", d.id(), "code", d.code, "name", d.name));
            for (School s : d.schools) {
                sink.node("School", d.index, props("schoolId", d.schoolId(s.local()), "districtId", d.id(), "name", s.name(),
                        "level", s.level().name().toLowerCase(java.util.Locale.ROOT)));
            }
            for (Person p : d.persons) {
                if (!inGraph(p)) {
                    continue;
                }
                String username = p.account >= 0 ? d.accounts.get(p.account).username() : null;
                sink.node("Person", d.index, props("personId", d.personId(p.local), "districtId", d.id(), "kind", p.kind.sql(),
                        "firstName", p.first, "lastName", p.last, "email", p.email, "username", username));
            }
            for (Section s : d.sections) {
                Course c = d.courses.get(s.courseLocal());
                sink.node("Class", d.index, props("sectionId", d.sectionId(s.local()), "districtId", d.id(),
                        "title", c.title(), "sessionCode", s.sessionCode()));
            }
        }
        Map<String, Object> none = Map.of();
        for (DistrictModel d : w.districts) {
            for (School s : d.schools) {
                sink.rel("PART_OF", d.index, "School", "schoolId", d.schoolId(s.local()), "District", "districtId", d.id(), none);
            }
            for (Person p : d.persons) {
                if (p.schoolLocal >= 0) {
                    sink.rel("MEMBER_OF", d.index, "Person", "personId", d.personId(p.local), "School", "schoolId",
                            d.schoolId(p.schoolLocal), props("role", p.kind == Kind.STUDENT ? "student" : p.title));
                }
            }
            for (Section s : d.sections) {
                sink.rel("HELD_AT", d.index, "Class", "sectionId", d.sectionId(s.local()), "School", "schoolId",
                        d.schoolId(s.schoolLocal()), none);
            }
            for (SectionTeacher t : d.sectionTeachers) {
                sink.rel("TEACHES", d.index, "Person", "personId", d.personId(t.staffLocal()), "Class", "sectionId",
                        d.sectionId(t.sectionLocal()), props("role", t.role()));
            }
            for (Enrollment e : d.enrollments) {
                sink.rel("ENROLLED_IN", d.index, "Person", "personId", d.personId(e.studentLocal()), "Class", "sectionId",
                        d.sectionId(e.sectionLocal()), props("status", e.status()));
            }
            for (GuardianLink g : d.guardianLinks) {
                DistrictModel gd = w.district(g.guardianDistrict());
                if (inGraph(gd.persons.get(g.guardianLocal()))) {
                    sink.rel("GUARDIAN_OF", d.index, "Person", "personId", gd.personId(g.guardianLocal()), "Person", "personId",
                            d.personId(g.studentLocal()), props("relationship", g.relationship()));
                }
            }
            for (Connection c : d.connections) {
                sink.rel("CONNECTED_TO", d.index, "Person", "personId", d.personId(c.fromLocal()), "Person", "personId",
                        w.district(c.toDistrict()).personId(c.toLocal()), props("since", c.since(), "kind", c.kind()));
            }
        }
    }
}
