package io.ferry.estate;

import io.ferry.estate.graph.GraphCounter;
import io.ferry.estate.model.DistrictModel;
import io.ferry.estate.model.Entities;
import io.ferry.estate.model.World;
import io.ferry.estate.postgres.PgWriter.TableResult;
import io.ferry.estate.tables.TableDef;
import io.ferry.estate.tables.Tables;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every planted feature of the PROD estate. Schema-wide features count the rows whose listed columns
 * (those that exist in PROD) are all non-null, counted while the rows are emitted; district features
 * name their rows by key.
 */
public final class PlantedCatalog {
    private PlantedCatalog() {
    }

    /** A schema-wide feature; its count comes from the emitted rows (or nodes, relationships). */
    public record Spec(String kind, String store, String table, List<String> columns) {
    }

    private static Spec s(String kind, String store, String table, String... columns) {
        return new Spec(kind, store, table, List.of(columns));
    }

    /** The cross-store references (also the spec's links): from store/table/column to store/table/column. */
    public record Link(String fromStore, String fromTable, String fromColumn, String toStore, String toTable, String toColumn) {
    }

    public static final List<Link> LINKS = List.of(
            new Link("hcp1", "public.academic_session", "district_id", "ids", "public.district", "id"),
            new Link("hcp1", "public.course", "district_id", "ids", "public.district", "id"),
            new Link("hcp1", "public.course", "school_id", "ids", "public.school", "id"),
            new Link("hcp1", "public.section", "school_id", "ids", "public.school", "id"),
            new Link("hcp1", "public.section_teacher", "person_id", "ids", "public.person", "id"),
            new Link("hcp1", "public.enrollment", "person_id", "ids", "public.person", "id"),
            new Link("hcp2", "public.gradebook", "section_id", "hcp1", "public.section", "id"),
            new Link("hcp2", "public.rubric", "course_id", "hcp1", "public.course", "id"),
            new Link("hcp2", "public.assignment", "section_id", "hcp1", "public.section", "id"),
            new Link("hcp2", "public.submission", "person_id", "ids", "public.person", "id"),
            new Link("hcp2", "public.submission", "grader_id", "ids", "public.person", "id"),
            new Link("hcp2", "public.grade", "section_id", "hcp1", "public.section", "id"),
            new Link("hcp2", "public.grade", "person_id", "ids", "public.person", "id"),
            new Link("hcp2", "public.attendance", "section_id", "hcp1", "public.section", "id"),
            new Link("hcp2", "public.attendance", "person_id", "ids", "public.person", "id"),
            new Link("hcp2", "public.\"AssessmentResult\"", "\"personId\"", "ids", "public.person", "id"),
            new Link("adb", "public.event", "district_id", "ids", "public.district", "id"),
            new Link("adb", "public.event", "payload->'$.personId'", "ids", "public.person", "id"),
            new Link("adb", "public.event", "payload->'$.schoolId'", "ids", "public.school", "id"),
            new Link("adb", "public.event", "payload->'$.sectionId'", "hcp1", "public.section", "id"),
            new Link("adb", "public.daily_usage", "district_id", "ids", "public.district", "id"),
            new Link("adb", "public.daily_usage", "school_id", "ids", "public.school", "id"),
            new Link("adb", "public.daily_usage", "person_id", "ids", "public.person", "id"),
            new Link("adb", "public.report_snapshot", "district_id", "ids", "public.district", "id"),
            new Link("adb", "public.report_snapshot", "school_id", "ids", "public.school", "id"),
            new Link("sp", "District", "districtId", "ids", "public.district", "id"),
            new Link("sp", "School", "schoolId", "ids", "public.school", "id"),
            new Link("sp", "Person", "personId", "ids", "public.person", "id"),
            new Link("sp", "Class", "sectionId", "hcp1", "public.section", "id"));

    public static List<Spec> specs() {
        List<Spec> l = new ArrayList<>(List.of(
                s("composite-primary-key", "hcp1", "public.academic_session", "district_id", "session_code"),
                s("composite-primary-key", "hcp1", "public.enrollment", "section_id", "person_id"),
                s("composite-primary-key", "hcp2", "public.attendance", "person_id", "section_id", "attendance_date"),
                s("composite-foreign-key", "hcp1", "public.section", "district_id", "session_code"),
                s("composite-foreign-key", "hcp1", "public.academic_session", "district_id", "parent_code"),
                s("self-reference", "ids", "public.school", "parent_school_id"),
                s("self-reference", "hcp1", "public.course", "prerequisite_course_id"),
                s("self-reference", "hcp1", "public.academic_session", "district_id", "parent_code"),
                s("cycle-nullable", "ids", "public.school", "principal_id"),
                s("cycle-nullable", "ids", "public.person", "school_id"),
                s("cycle-not-null-deferrable", "hcp2", "public.gradebook", "current_period_id"),
                s("cycle-not-null-deferrable", "hcp2", "public.grading_period", "gradebook_id"),
                s("cycle-not-null-not-deferrable", "hcp2", "public.rubric", "default_criterion_id"),
                s("cycle-not-null-not-deferrable", "hcp2", "public.rubric_criterion", "rubric_id"),
                s("junction-table", "ids", "public.guardian_link", "guardian_id", "student_id"),
                s("junction-table", "ids", "public.staff_assignment", "staff_id", "school_id"),
                s("junction-table", "hcp1", "public.section_teacher", "section_id", "person_id"),
                s("junction-table", "hcp1", "public.enrollment", "section_id", "person_id"),
                s("no-primary-key", "adb", "public.daily_usage"),
                s("partitioned-table", "hcp2", "public.attendance", "attendance_date"),
                s("generated-column", "hcp2", "public.grade", "percent"),
                s("identity-column", "ids", "public.person", "id"),
                s("identity-column", "adb", "public.event", "id"),
                s("personal-data-jsonb", "ids", "public.person", "contact_info"),
                s("personal-data-jsonb", "adb", "public.event", "payload"),
                s("personal-data-free-text", "hcp2", "public.submission", "teacher_comment"),
                s("unique-personal-column", "ids", "public.person", "email"),
                s("unique-personal-column", "ids", "public.person", "state_student_id"),
                s("unique-personal-column", "ids", "public.user_account", "username"),
                s("unique-personal-column", "ids", "public.user_account", "email"),
                s("lookup-table", "ids", "public.grade_level", "code"),
                s("lookup-table", "hcp1", "public.subject", "code"),
                s("type-uuid", "ids", "public.person", "person_uuid"),
                s("type-uuid", "ids", "public.user_account", "id"),
                s("type-bigint-identity", "ids", "public.person", "id"),
                s("type-numeric", "hcp1", "public.course", "credits"),
                s("type-date", "ids", "public.person", "birth_date"),
                s("type-timestamptz", "ids", "public.user_account", "last_login_at"),
                s("type-boolean", "ids", "public.user_account", "is_active"),
                s("type-bytea", "ids", "public.user_account", "password_hash"),
                s("type-text-array", "ids", "public.user_account", "roles"),
                s("type-enum", "ids", "public.person", "kind"),
                s("type-inet", "ids", "public.user_account", "last_login_ip"),
                s("type-jsonb", "ids", "public.person", "contact_info"),
                s("mixed-case-identifier", "hcp2", "public.\"AssessmentResult\"", "\"personId\""),
                s("cert-drift-extra-nullable-column", "ids", "public.person", "preferred_name"),
                s("cert-drift-extra-not-null-column-with-default", "hcp1", "public.section", "is_virtual"),
                s("cert-drift-missing-column", "hcp1", "public.course", "legacy_code"),
                s("cert-drift-shorter-varchar", "ids", "public.school", "name"),
                s("cert-drift-check", "hcp1", "public.enrollment", "exit_date")));
        for (Link k : LINKS) {
            l.add(s("cross-store-reference", k.fromStore(), k.fromTable(), k.fromColumn()));
        }
        return l;
    }

    /** Column index sets to count per "store.table", in the order of {@link #specs()}. */
    public static Map<String, List<int[]>> countSets() {
        Map<String, List<int[]>> m = new LinkedHashMap<>();
        for (Spec sp : specs()) {
            if (sp.store().equals("sp")) {
                continue;
            }
            TableDef t = Tables.find(sp.store(), sp.table());
            m.computeIfAbsent(sp.store() + "." + sp.table(), k -> new ArrayList<>()).add(indices(t, sp.columns()));
        }
        return m;
    }

    /** Properties to count per label or relationship type. */
    public static Map<String, List<List<String>>> graphSets() {
        Map<String, List<List<String>>> m = new LinkedHashMap<>();
        for (Spec sp : specs()) {
            if (sp.store().equals("sp")) {
                m.computeIfAbsent(sp.table(), k -> new ArrayList<>()).add(sp.columns());
            }
        }
        return m;
    }

    /** Columns that exist in PROD's COPY list; JSON paths count their column; others (CERT-only, generated) are ignored. */
    static int[] indices(TableDef t, List<String> columns) {
        List<Integer> out = new ArrayList<>();
        for (String c : columns) {
            String base = c.contains("->") ? c.substring(0, c.indexOf("->")) : c;
            int i = t.columns().indexOf(base);
            if (i >= 0) {
                out.add(i);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The whole list: schema-wide features with counts, then district features by key. */
    public static List<Planted> planted(World w, Map<String, TableResult> tables, GraphCounter graph) {
        List<Planted> out = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (Spec sp : specs()) {
            long count;
            if (sp.store().equals("sp")) {
                count = graph.setCounts.getOrDefault(GraphCounter.setKey(sp.table(), sp.columns()), 0L);
            } else if (sp.table().equals("public.event") && sp.columns().size() == 1 && sp.columns().get(0).contains("->")) {
                String key = sp.store() + "." + sp.table();
                seen.merge(key, 1, Integer::sum);
                count = eventsWithPath(w, sp.columns().get(0));
            } else {
                String key = sp.store() + "." + sp.table();
                int i = seen.merge(key, 1, Integer::sum) - 1;
                count = tables.get(key).setCounts()[i];
            }
            out.add(new Planted(sp.kind(), sp.store(), sp.table(), sp.columns(), List.of(), null, count));
        }
        out.addAll(keyed(w));
        return out;
    }

    /** Events whose payload holds the JSON path ({@code payload->'$.x'}). */
    static long eventsWithPath(World w, String column) {
        long n = 0;
        for (DistrictModel d : w.districts) {
            for (Entities.Event e : d.events) {
                boolean has = switch (column) {
                    case "payload->'$.personId'" -> true;
                    case "payload->'$.schoolId'" -> e.schoolLocal() >= 0;
                    case "payload->'$.sectionId'" -> e.sectionLocal() >= 0;
                    default -> throw new IllegalArgumentException(column);
                };
                n += has ? 1 : 0;
            }
        }
        return n;
    }

    /** The rows planted in particular districts, named by key. */
    public static List<Planted> keyed(World w) {
        List<Planted> out = new ArrayList<>();
        World.Plants p = w.plants;
        DistrictModel a = w.district(p.transferDistrict());
        out.add(new Planted("cross-tenant-transferred-student", "ids", "public.person", List.of("previous_school_id"),
                List.of("id=" + a.personId(p.transferStudentLocal())), a.code, 1));
        DistrictModel g = w.district(p.crossGuardianDistrict());
        DistrictModel gs = w.district(p.crossGuardianStudentDistrict());
        out.add(new Planted("cross-tenant-guardian", "ids", "public.guardian_link", List.of("guardian_id"),
                List.of("guardian_id=" + g.personId(p.crossGuardianLocal()) + ",student_id=" + gs.personId(p.crossGuardianStudentLocal())),
                gs.code, 1));
        DistrictModel cf = w.district(p.connectionFromDistrict());
        DistrictModel ct = w.district(p.connectionToDistrict());
        out.add(new Planted("cross-tenant-connection", "sp", "CONNECTED_TO", List.of(),
                List.of("from.personId=" + cf.personId(p.connectionFromLocal()) + ",to.personId=" + ct.personId(p.connectionToLocal())),
                cf.code, 1));
        for (DistrictModel d : w.districts) {
            List<String> events = new ArrayList<>();
            for (Entities.Event e : d.events) {
                if (e.personLocal() < 0) {
                    events.add("id=" + d.eventId(e.local()));
                }
            }
            out.add(new Planted("orphan", "adb", "public.event", List.of("payload->'$.personId'"), events, d.code, events.size()));
            List<String> usage = new ArrayList<>();
            for (Entities.DailyUsage u : d.dailyUsage) {
                if (u.personLocal() < 0) {
                    usage.add("person_id=" + u.orphanPersonId() + ",usage_date=" + u.date());
                }
            }
            out.add(new Planted("orphan", "adb", "public.daily_usage", List.of("person_id"), usage, d.code, usage.size()));
        }
        DistrictModel low = w.lowest();
        Entities.Enrollment bad = low.enrollments.get(p.checkViolationEnrollment());
        out.add(new Planted("cert-check-violation", "hcp1", "public.enrollment", List.of("entry_date", "exit_date"),
                List.of("section_id=" + low.sectionId(bad.sectionLocal()) + ",person_id=" + low.personId(bad.studentLocal())),
                low.code, 1));
        out.add(new Planted("cert-varchar-overflow", "ids", "public.school", List.of("name"),
                List.of("id=" + low.schoolId(p.longNameSchool())), low.code, 1));
        out.add(new Planted("dangling-cross-store-reference", "hcp2", "public.submission", List.of("person_id"),
                List.of("id=" + low.submissionId(p.danglingSubmission())), low.code, 1));
        for (World.HoneytokenPerson h : p.honeytokens()) {
            DistrictModel d = w.district(h.district());
            out.add(new Planted("honeytoken", "ids", "public.person", List.of("email", "phone", "state_student_id"),
                    List.of("id=" + d.personId(h.personLocal())), d.code, 1));
        }
        return out;
    }

    /** Where each honeytoken value sits: ids (person, user_account), hcp2 free text, adb JSON, sp. */
    public static List<Honeytoken> honeytokens(World w) {
        List<Honeytoken> out = new ArrayList<>();
        for (World.HoneytokenPerson h : w.plants.honeytokens()) {
            DistrictModel d = w.district(h.district());
            String person = "id=" + d.personId(h.personLocal());
            Entities.Person p = d.persons.get(h.personLocal());
            String account = "id=" + d.accounts.get(p.account).id();
            out.add(new Honeytoken("ids", "public.person", person, "email", h.email()));
            out.add(new Honeytoken("ids", "public.person", person, "phone", h.phone()));
            out.add(new Honeytoken("ids", "public.person", person, "state_student_id", h.stateId()));
            out.add(new Honeytoken("ids", "public.user_account", account, "username", h.username()));
            out.add(new Honeytoken("ids", "public.user_account", account, "email", h.email()));
            String sub = "id=" + d.submissionId(h.submissionLocal());
            out.add(new Honeytoken("hcp2", "public.submission", sub, "teacher_comment", h.email()));
            out.add(new Honeytoken("hcp2", "public.submission", sub, "teacher_comment", h.phone()));
            String ev = "id=" + d.eventId(h.eventLocal());
            out.add(new Honeytoken("adb", "public.event", ev, "payload->'$.actor.email'", h.email()));
            out.add(new Honeytoken("adb", "public.event", ev, "payload->'$.actor.username'", h.username()));
            String node = "personId=" + d.personId(h.personLocal());
            out.add(new Honeytoken("sp", "Person", node, "email", h.email()));
            out.add(new Honeytoken("sp", "Person", node, "username", h.username()));
        }
        return out;
    }
}
