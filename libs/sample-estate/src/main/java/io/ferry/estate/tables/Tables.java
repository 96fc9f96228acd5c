package io.ferry.estate.tables;

import io.ferry.estate.model.DistrictModel;
import io.ferry.estate.model.Entities.*;
import io.ferry.estate.model.Reference;
import io.ferry.estate.model.World;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Every PostgreSQL table of the estate, per store, in load order, with the code that emits its rows. */
public final class Tables {
    private Tables() {
    }

    public static final List<String> PG_STORES = List.of("ids", "hcp1", "hcp2", "adb");

    private static TableDef t(String store, String table, List<String> cols, TableDef.Emitter e) {
        return new TableDef(store, table, cols, Set.of(), e);
    }

    /** Tables per store in load order. */
    public static Map<String, List<TableDef>> all() {
        Map<String, List<TableDef>> m = new LinkedHashMap<>();
        m.put("ids", ids());
        m.put("hcp1", hcp1());
        m.put("hcp2", hcp2());
        m.put("adb", adb());
        return m;
    }

    public static TableDef find(String store, String table) {
        return all().get(store).stream().filter(t -> t.table().equals(table)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no table " + store + "." + table));
    }

    static String timezone(String state) {
        return switch (state) {
            case "OR", "WA" -> "America/Los_Angeles";
            case "CO" -> "America/Denver";
            case "AZ" -> "America/Phoenix";
            case "MN", "WI", "TX" -> "America/Chicago";
            default -> "America/New_York";
        };
    }

    // ------------------------------------------------------------------ ids

    static List<TableDef> ids() {
        return List.of(
                t("ids", "public.grade_level", List.of("code", "name", "ordinal"), (w, s) -> {
                    s.district(-1);
                    for (String[] g : Reference.GRADE_LEVELS) {
                        s.s(g[0]).s(g[1]).raw(g[2]).end();
                    }
                }),
                t("ids", "public.district", List.of("id", "code", "name", "state_code", "timezone", "domain", "created_at"), (w, s) -> {
                    for (DistrictModel d : w.districts) {
                        s.district(d.index);
                        Instant created = w.asOf.minusSeconds(86400L * (1800 + 97L * d.index) + 3600L * 7);
                        s.l(d.id()).s(d.code).s(d.name).s(d.state.code()).s(timezone(d.state.code())).s(d.domain).t(created).end();
                    }
                }),
                t("ids", "public.school", List.of("id", "district_id", "code", "name", "level", "parent_school_id", "principal_id",
                        "street", "postal_code", "opened_on"), (w, s) -> {
                    for (DistrictModel d : w.districts) {
                        s.district(d.index);
                        for (School sc : d.schools) {
                            s.l(d.schoolId(sc.local())).l(d.id()).s(sc.code()).s(sc.name()).s(sc.level().name().toLowerCase(java.util.Locale.ROOT))
                                    .id(sc.parentLocal() < 0 ? -1 : d.schoolId(sc.parentLocal()))
                                    .id(d.principals[sc.local()] < 0 ? -1 : d.personId(d.principals[sc.local()]))
                                    .s(sc.street()).s(sc.zip()).d(sc.opened()).end();
                        }
                    }
                }),
                t("ids", "public.person", List.of("id", "person_uuid", "district_id", "school_id", "previous_school_id", "kind",
                        "first_name", "last_name", "birth_date", "email", "phone", "state_student_id", "grade_level_code",
                        "contact_info", "active_since"), (w, s) -> {
                    for (DistrictModel d : w.districts) {
                        s.district(d.index);
                        for (Person p : d.persons) {
                            long prev = p.previousSchoolLocal < 0 ? -1
                                    : w.district(p.previousSchoolDistrict).schoolId(p.previousSchoolLocal);
                            Json address = Json.object().put("line1", p.street).put("city", p.city)
                                    .put("state", d.state.code()).put("postalCode", p.zip);
                            Json contact = Json.object().put("address", address);
                            if (p.emergencyName != null) {
                                contact.put("emergencyContact", Json.object().put("name", p.emergencyName).put("phone", p.emergencyPhone));
                            }
                            s.l(d.personId(p.local)).raw(p.uuid.toString()).l(d.id())
                                    .id(p.schoolLocal < 0 ? -1 : d.schoolId(p.schoolLocal)).id(prev).raw(p.kind.sql())
                                    .s(p.first).s(p.last).d(p.birth).s(p.email).s(p.phone).s(p.stateId)
                                    .s(p.grade < 0 ? null : Reference.gradeCode(p.grade)).s(contact.toString()).d(p.since).end();
                        }
                    }
                }),
                t("ids", "public.user_account", List.of("id", "person_id", "username", "email", "password_hash", "roles", "is_active",
                        "last_login_at", "last_login_ip", "created_at"), (w, s) -> {
                    for (DistrictModel d : w.districts) {
                        s.district(d.index);
                        for (Account a : d.accounts) {
                            s.raw(a.id().toString()).l(d.personId(a.personLocal())).s(a.username()).s(a.email()).bytes(a.passwordHash())
                                    .array(a.roles()).b(a.active()).t(a.lastLogin()).s(a.lastIp()).t(a.created()).end();
                        }
                    }
                }),
                t("ids", "public.guardian_link", List.of("guardian_id", "student_id", "relationship", "is_primary"), (w, s) -> {
                    for (DistrictModel d : w.districts) {
                        s.district(d.index);
                        for (GuardianLink g : d.guardianLinks) {
                            s.l(w.district(g.guardianDistrict()).personId(g.guardianLocal())).l(d.personId(g.studentLocal()))
                                    .s(g.relationship()).b(g.primary()).end();
                        }
                    }
                }),
                t("ids", "public.staff_assignment", List.of("staff_id", "school_id", "role", "start_date", "fte"), (w, s) -> {
                    for (DistrictModel d : w.districts) {
                        s.district(d.index);
                        for (StaffAssignment a : d.staffAssignments) {
                            s.l(d.personId(a.staffLocal())).l(d.schoolId(a.schoolLocal())).s(a.role()).d(a.start())
                                    .raw(a.fte().toPlainString()).end();
                        }
                    }
                }));
    }

    // ------------------------------------------------------------------ hcp1

    static List<TableDef> hcp1() {
        return List.of(
                t("hcp1", "public.subject", List.of("code", "name"), (w, s) -> {
                    s.district(-1);
                    for (String[] x : Reference.SUBJECTS) {
                        s.s(x[0]).s(x[1]).end();
                    }
                }),
                t("hcp1", "public.academic_session", List.of("district_id", "session_code", "parent_code", "kind", "title",
                        "starts_on", "ends_on"), (w, s) -> {
                    for (DistrictModel d : w.districts) {
                        s.district(d.index);
                        for (Session x : w.sessions) {
                            String title = x.parentCode() == null ? x.code() + " School Year"
                                    : x.parentCode() + " Term " + x.code().substring(x.code().length() - 1);
                            s.l(d.id()).s(x.code()).s(x.parentCode()).s(x.kind()).s(title).d(x.start()).d(x.end()).end();
                        }
                    }
                }),
                new TableDef("hcp1", "public.course", List.of("id", "district_id", "school_id", "code", "title", "subject_code",
                        "credits", "prerequisite_course_id", "legacy_code"), Set.of("legacy_code"), (w, s) -> {
                    for (DistrictModel d : w.districts) {
                        s.district(d.index);
                        for (Course c : d.courses) {
                            s.l(d.courseId(c.local())).l(d.id()).l(d.schoolId(c.schoolLocal())).s(c.code()).s(c.title()).s(c.subject())
                                    .cents(c.creditsHundredths()).id(c.prereqLocal() < 0 ? -1 : d.courseId(c.prereqLocal()))
                                    .s(c.legacyCode()).end();
                        }
                    }
                }),
                t("hcp1", "public.section", List.of("id", "course_id", "district_id", "session_code", "school_id", "room", "capacity",
                        "period"), (w, s) -> {
                    for (DistrictModel d : w.districts) {
                        s.district(d.index);
                        for (Section x : d.sections) {
                            s.l(d.sectionId(x.local())).l(d.courseId(x.courseLocal())).l(d.id()).s(x.sessionCode())
                                    .l(d.schoolId(x.schoolLocal())).s(x.room()).l(x.capacity()).l(x.period()).end();
                        }
                    }
                }),
                t("hcp1", "public.section_teacher", List.of("section_id", "person_id", "role"), (w, s) -> {
                    for (DistrictModel d : w.districts) {
                        s.district(d.index);
                        for (SectionTeacher x : d.sectionTeachers) {
                            s.l(d.sectionId(x.sectionLocal())).l(d.personId(x.staffLocal())).s(x.role()).end();
                        }
                    }
                }),
                t("hcp1", "public.enrollment", List.of("section_id", "person_id", "entry_date", "exit_date", "status"), (w, s) -> {
                    for (DistrictModel d : w.districts) {
                        s.district(d.index);
                        for (Enrollment x : d.enrollments) {
                            s.l(d.sectionId(x.sectionLocal())).l(d.personId(x.studentLocal())).d(x.entry()).d(x.exit()).s(x.status()).end();
                        }
                    }
                }));
    }

    // ------------------------------------------------------------------ hcp2

    static List<TableDef> hcp2() {
        return List.of(
                t("hcp2", "public.gradebook", List.of("id", "section_id", "current_period_id", "scale"), (w, s) -> {
                    for (DistrictModel d : w.districts) {
                        s.district(d.index);
                        for (Gradebook g : d.gradebooks) {
                            s.l(d.gradebookId(g.local())).l(d.sectionId(g.sectionLocal())).l(d.periodId(g.currentPeriodLocal()))
                                    .s(g.scale()).end();
                        }
                    }
                }),
                t("hcp2", "public.grading_period", List.of("id", "gradebook_id", "name", "starts_on", "ends_on"), (w, s) -> {
                    for (DistrictModel d : w.districts) {
                        s.district(d.index);
                        for (GradingPeriod p : d.gradingPeriods) {
                            s.l(d.periodId(p.local())).l(d.gradebookId(p.gradebookLocal())).s(p.name()).d(p.start()).d(p.end()).end();
                        }
                    }
                }),
                t("hcp2", "public.rubric", List.of("id", "course_id", "title", "default_criterion_id"), (w, s) -> {
                    for (DistrictModel d : w.districts) {
                        s.district(d.index);
                        for (Course c : d.courses) {
                            s.l(d.courseId(c.local())).l(d.courseId(c.local())).s(c.title() + " Rubric")
                                    .l(d.criterionId(3 * c.local())).end();
                        }
                    }
                }),
                t("hcp2", "public.rubric_criterion", List.of("id", "rubric_id", "name", "max_points", "position"), (w, s) -> {
                    for (DistrictModel d : w.districts) {
                        s.district(d.index);
                        for (Course c : d.courses) {
                            for (int k = 0; k < 3; k++) {
                                s.l(d.criterionId(3 * c.local() + k)).l(d.courseId(c.local())).s(CRITERIA[k]).cents(CRITERIA_POINTS[k])
                                        .l(k + 1).end();
                            }
                        }
                    }
                }),
                t("hcp2", "public.assignment", List.of("id", "section_id", "title", "category", "due_at", "points_possible"), (w, s) -> {
                    for (DistrictModel d : w.districts) {
                        s.district(d.index);
                        for (Assignment a : d.assignments) {
                            s.l(d.assignmentId(a.local())).l(d.sectionId(a.sectionLocal())).s(a.title()).s(a.category()).t(a.due())
                                    .cents(a.pointsPossible() * 100L).end();
                        }
                    }
                }),
                t("hcp2", "public.submission", List.of("id", "assignment_id", "person_id", "submitted_at", "status", "teacher_comment",
                        "grader_id"), (w, s) -> {
                    for (DistrictModel d : w.districts) {
                        s.district(d.index);
                        for (Submission x : d.submissions) {
                            long person = x.personOverride() != 0 ? x.personOverride() : d.personId(x.studentLocal());
                            s.l(d.submissionId(x.local())).l(d.assignmentId(x.assignmentLocal())).l(person).t(x.submittedAt())
                                    .s(x.status()).s(x.comment()).id(x.graderLocal() < 0 ? -1 : d.personId(x.graderLocal())).end();
                        }
                    }
                }),
                t("hcp2", "public.grade", List.of("id", "section_id", "person_id", "grading_period_id", "points_earned",
                        "points_possible", "letter"), (w, s) -> {
                    for (DistrictModel d : w.districts) {
                        s.district(d.index);
                        for (Grade g : d.grades) {
                            s.l(d.gradeId(g.local())).l(d.sectionId(g.sectionLocal())).l(d.personId(g.studentLocal()))
                                    .l(d.periodId(g.periodLocal())).cents(g.earnedHundredths()).cents(g.possibleHundredths())
                                    .s(g.letter()).end();
                        }
                    }
                }),
                t("hcp2", "public.attendance", List.of("person_id", "section_id", "attendance_date", "status", "minutes_late"), (w, s) -> {
                    for (DistrictModel d : w.districts) {
                        s.district(d.index);
                        for (Attendance a : d.attendance) {
                            s.l(d.personId(a.studentLocal())).l(d.sectionId(a.sectionLocal())).d(a.date()).s(a.status())
                                    .l(a.minutesLate()).end();
                        }
                    }
                }),
                t("hcp2", "public.\"AssessmentResult\"", List.of("\"resultId\"", "\"personId\"", "\"assessmentCode\"", "\"scaleScore\"",
                        "\"takenOn\"", "\"performanceLevel\""), (w, s) -> {
                    for (DistrictModel d : w.districts) {
                        s.district(d.index);
                        for (AssessmentResult a : d.assessments) {
                            s.l(d.assessmentId(a.local())).l(d.personId(a.studentLocal())).s(a.code()).l(a.scaleScore())
                                    .d(a.takenOn()).s(a.level()).end();
                        }
                    }
                }));
    }

    // ------------------------------------------------------------------ adb

    static List<TableDef> adb() {
        return List.of(
                t("adb", "public.event", List.of("id", "district_id", "occurred_at", "event_type", "client_ip", "payload"), (w, s) -> {
                    for (DistrictModel d : w.districts) {
                        s.district(d.index);
                        for (Event e : d.events) {
                            s.l(d.eventId(e.local())).l(d.id()).t(e.at()).s(e.type()).s(e.ip()).s(payload(d, e)).end();
                        }
                    }
                }),
                t("adb", "public.daily_usage", List.of("usage_date", "district_id", "school_id", "person_id", "sessions", "minutes",
                        "device"), (w, s) -> {
                    for (DistrictModel d : w.districts) {
                        s.district(d.index);
                        for (DailyUsage u : d.dailyUsage) {
                            long person = u.personLocal() < 0 ? u.orphanPersonId() : d.personId(u.personLocal());
                            s.d(u.date()).l(d.id()).id(u.schoolLocal() < 0 ? -1 : d.schoolId(u.schoolLocal())).l(person)
                                    .l(u.sessions()).l(u.minutes()).s(u.device()).end();
                        }
                    }
                }),
                t("adb", "public.report_snapshot", List.of("id", "district_id", "school_id", "taken_at", "kind", "summary"), (w, s) -> {
                    for (DistrictModel d : w.districts) {
                        s.district(d.index);
                        for (ReportSnapshot r : d.snapshots) {
                            int bp = r.attendanceBasisPoints();
                            Json summary = Json.object().put("enrolled", r.enrolled())
                                    .num("attendanceRate", "0." + String.format(java.util.Locale.ROOT, "%04d", bp))
                                    .put("activeUsers", r.activeUsers()).put("generatedBy", "nightly-rollup");
                            s.l(d.snapshotId(r.local())).l(d.id()).l(d.schoolId(r.schoolLocal())).t(r.takenAt()).s(r.kind())
                                    .s(summary.toString()).end();
                        }
                    }
                }));
    }

    static final String[] CRITERIA = {"Understanding", "Evidence & Reasoning", "Communication"};
    static final long[] CRITERIA_POINTS = {4000, 3500, 2500};

    /** The event's JSON: personId and schoolId point into ids (the JSON-path links); actor and client are personal. */
    public static String payload(DistrictModel d, Event e) {
        Json j = Json.object();
        if (e.personLocal() < 0) {
            j.put("personId", e.orphanPersonId());
        } else {
            j.put("personId", d.personId(e.personLocal()));
        }
        if (e.schoolLocal() >= 0) {
            j.put("schoolId", d.schoolId(e.schoolLocal()));
        }
        if (e.personLocal() >= 0) {
            Person p = d.persons.get(e.personLocal());
            Account a = d.accounts.get(p.account);
            j.put("actor", Json.object().put("username", a.username()).put("email", a.email()).put("role", a.roles()[0]));
        }
        j.put("client", Json.object().put("ip", e.ip()).put("userAgent", e.userAgent()));
        j.put("sessionId", e.sessionId().toString());
        if (e.sectionLocal() >= 0) {
            j.put("sectionId", d.sectionId(e.sectionLocal()));
        }
        return j.toString();
    }

    static LocalDate date(Instant i) {
        return LocalDate.ofInstant(i, ZoneOffset.UTC);
    }
}
