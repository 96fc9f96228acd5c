package io.ferry.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.planning.ClosureRules.DanglingPolicy;
import io.ferry.planning.ClosureRules.EdgePolicy;
import io.ferry.planning.ClosureRules.TablePolicy;
import io.ferry.planning.ClosureRules.TableRule;
import io.ferry.schema.model.TableId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The default rule and its overrides on small hand-made estates whose closures are worked out by hand. */
class ClosureRulesTest {
    static final String DISTRICT = "ids.public.district";
    static final String SCHOOL = "ids.public.school";
    static final String PERSON = "ids.public.person";
    static final String LINK = "ids.public.guardian_link";

    static Object[] r(Object... v) {
        return v;
    }

    /**
     * Two districts. School 20 (district 2, principal 200) is the previous school of d1's student 101;
     * person 201 (district 2) is a guardian of 101; link (202, 200) is district 2's alone.
     * Cycles: school.principal_id / person.school_id, school.parent_school_id (self), link via person twice.
     */
    static MemoryEstate districts() {
        return new MemoryEstate()
                .table(DISTRICT, List.of("id"), "id", "code:text")
                .table(SCHOOL, List.of("id"), "id", "district_id", "parent_school_id", "principal_id")
                .table(PERSON, List.of("id"), "id", "district_id", "school_id", "previous_school_id")
                .table(LINK, List.of("guardian_id", "student_id"), "guardian_id", "student_id")
                .rows(DISTRICT, r(1L, "d1"), r(2L, "d2"))
                .rows(SCHOOL, r(10L, 1L, null, 100L), r(11L, 1L, 10L, null), r(20L, 2L, null, 200L))
                .rows(PERSON, r(100L, 1L, 10L, null), r(101L, 1L, 11L, 20L), r(200L, 2L, 20L, null),
                        r(201L, 2L, 20L, null), r(202L, 2L, 20L, null))
                .rows(LINK, r(201L, 101L), r(202L, 200L))
                .fk(SCHOOL, "district_id", DISTRICT, "id")
                .fk(SCHOOL, "parent_school_id", SCHOOL, "id")
                .fk(SCHOOL, "principal_id", PERSON, "id")
                .fk(PERSON, "district_id", DISTRICT, "id")
                .fk(PERSON, "school_id", SCHOOL, "id")
                .fk(PERSON, "previous_school_id", SCHOOL, "id")
                .fk(LINK, "guardian_id", PERSON, "id")
                .fk(LINK, "student_id", PERSON, "id");
    }

    static ClosureRules rules(String code) {
        return ClosureRules.defaults(new ClosureRules.Tenant(TableId.parse(DISTRICT), List.of("code"), Tuple.of(code)));
    }

    static List<String> keys(Closure c, String table) {
        return c.keys(TableId.parse(table)).stream().map(Tuple::toString).toList();
    }

    static Closure close(MemoryEstate e, ClosureRules rules) {
        return new ClosurePlanner().close(e.schema(), rules, e.sources());
    }

    @Test
    void defaultRuleDescendsFromOwnedRowsAndOnlyPullsParentsOfForeignOnes() {
        try (Closure c = close(districts(), rules("d1"))) {
            assertThat(keys(c, DISTRICT)).containsExactly("(1)", "(2)");
            assertThat(keys(c, SCHOOL)).containsExactly("(10)", "(11)", "(20)");
            assertThat(keys(c, PERSON)).containsExactly("(100)", "(101)", "(200)", "(201)");
            assertThat(keys(c, LINK)).containsExactly("(201,101)");
            assertThat(c.plan().district()).isEqualTo("d1");
        }
    }

    @Test
    void rowsPerEdgeSayWhichReferenceBroughtEachRowIn() {
        // Worked out from the rule: d1's schools and people come down from the district, the guardian link
        // down from its student; school 20, guardian 201, principal 200 and district 2 are pulled upward.
        try (Closure c = close(districts(), rules("d1"))) {
            assertThat(c.rowsPerEdge()).containsExactlyInAnyOrder(
                    new Closure.EdgeRows("ids.public.school(district_id) -> ids.public.district(id)", "down", 2),
                    new Closure.EdgeRows("ids.public.person(district_id) -> ids.public.district(id)", "down", 2),
                    new Closure.EdgeRows("ids.public.guardian_link(student_id) -> ids.public.person(id)", "down", 1),
                    new Closure.EdgeRows("ids.public.person(previous_school_id) -> ids.public.school(id)", "up", 1),
                    new Closure.EdgeRows("ids.public.guardian_link(guardian_id) -> ids.public.person(id)", "up", 1),
                    new Closure.EdgeRows("ids.public.school(principal_id) -> ids.public.person(id)", "up", 1),
                    new Closure.EdgeRows("ids.public.school(district_id) -> ids.public.district(id)", "up", 1));
            long viaEdges = c.rowsPerEdge().stream().mapToLong(Closure.EdgeRows::rows).sum();
            assertThat(viaEdges).as("every row but the root came through a reference").isEqualTo(c.keyCount() - 1);
        }
    }

    @Test
    void crossTenantRowsAreTheFirstForeignRowOfEachChainWithItsPath() {
        Plan plan = ClosurePlanner.plan(districts().schema(), rules("d1"), districts().sources());
        assertThat(plan.crossTenant()).containsExactlyInAnyOrder(
                new Plan.CrossTenantRow("ids", "public.school", "id=20", "d2",
                        List.of("ids.public.person[id=101]", "(previous_school_id) -> ids.public.school[id=20]")),
                new Plan.CrossTenantRow("ids", "public.person", "id=201", "d2",
                        List.of("ids.public.guardian_link[guardian_id=201,student_id=101]",
                                "(guardian_id) -> ids.public.person[id=201]")));
    }

    @Test
    void crossTenantNullifyLeavesTheForeignRowsAndWhatOnlyTheyPulledOut() {
        try (Closure c = close(districts(), rules("d1").withCrossTenant(ClosureRules.CrossTenantPolicy.NULLIFY))) {
            assertThat(keys(c, DISTRICT)).containsExactly("(1)");
            assertThat(keys(c, SCHOOL)).containsExactly("(10)", "(11)");
            assertThat(keys(c, PERSON)).containsExactly("(100)", "(101)");
            assertThat(keys(c, LINK)).containsExactly("(201,101)");
            assertThat(c.plan().crossTenant()).hasSize(2);
        }
    }

    @Test
    void crossTenantFailIsReportedAsAFailure() {
        ClosureRules rules = rules("d1").withCrossTenant(ClosureRules.CrossTenantPolicy.FAIL);
        try (Closure c = close(districts(), rules)) {
            assertThat(c.failures(rules)).hasSize(2).allMatch(s -> s.contains("owned by d2"));
        }
    }

    @Test
    void everyReferenceIsFollowedDownwardSoAStudentWhoLeftADistrictSchoolBelongsToItToo() {
        try (Closure c = close(districts(), rules("d2"))) {
            assertThat(keys(c, LINK)).containsExactly("(201,101)", "(202,200)");
            assertThat(keys(c, PERSON)).containsExactly("(100)", "(101)", "(200)", "(201)", "(202)");
            assertThat(keys(c, SCHOOL)).containsExactly("(10)", "(11)", "(20)");
            assertThat(c.plan().crossTenant()).extracting(Plan.CrossTenantRow::key, Plan.CrossTenantRow::owner)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("id=1", "d1"),
                            org.assertj.core.groups.Tuple.tuple("id=11", "d1"));
            assertThat(c.plan().loadOrder()).containsExactly(DISTRICT, PERSON, SCHOOL, LINK);
        }
    }

    @Test
    void parentsOnlyAndStopEdgesDoNotDescend() {
        for (EdgePolicy p : List.of(EdgePolicy.PARENTS_ONLY, EdgePolicy.STOP)) {
            ClosureRules rules = rules("d1").withEdge("ids.public.guardian_link(student_id) -> ids.public.person(id)", p);
            try (Closure c = close(districts(), rules)) {
                assertThat(keys(c, LINK)).as(p.name()).isEmpty();
                assertThat(keys(c, PERSON)).as(p.name()).containsExactly("(100)", "(101)", "(200)");
            }
        }
    }

    @Test
    void nullifiedEdgePullsNoParent() {
        ClosureRules rules = rules("d1").withEdge("ids.public.person(previous_school_id) -> ids.public.school(id)",
                EdgePolicy.NULLIFY);
        try (Closure c = close(districts(), rules)) {
            // school 20 still comes in as the school of guardian 201, and with it its principal 200
            assertThat(keys(c, SCHOOL)).containsExactly("(10)", "(11)", "(20)");
            assertThat(keys(c, PERSON)).containsExactly("(100)", "(101)", "(200)", "(201)");
            assertThat(c.plan().crossTenant()).extracting(Plan.CrossTenantRow::key).containsExactly("id=201");
        }
    }

    @Test
    void tablePolicies() {
        try (Closure c = close(districts(), rules("d1").withTable(TableId.parse(LINK), TableRule.of(TablePolicy.EXCLUDE))
                .withTable(TableId.parse(SCHOOL), TableRule.of(TablePolicy.ASSUME_PRESENT)))) {
            assertThat(c.tables()).extracting(TableId::toString).containsExactly(DISTRICT, PERSON);
            assertThat(keys(c, PERSON)).containsExactly("(100)", "(101)");
            assertThat(c.plan().loadOrder()).containsExactly(DISTRICT, PERSON);
        }
        assertThatThrownBy(() -> close(districts(), rules("d9"))).isInstanceOf(ClosureException.class)
                .hasMessageContaining("no row of ids.public.district has code=d9");
    }

    @Test
    void copyAllTableIsCopiedWholeAndNeverDescended() {
        MemoryEstate e = districts().table("ids.public.grade", List.of("code"), "code:text")
                .rows("ids.public.grade", r("K"), r("1"), r("2"))
                .table("ids.public.enrol", List.of("person_id"), "person_id", "grade:text")
                .rows("ids.public.enrol", r(100L, "K"), r(200L, "2"))
                .fk("ids.public.enrol", "person_id", PERSON, "id").fk("ids.public.enrol", "grade", "ids.public.grade", "code");
        try (Closure c = close(e, rules("d1").withTable(TableId.parse("ids.public.grade"), TableRule.of(TablePolicy.COPY_ALL)))) {
            assertThat(keys(c, "ids.public.grade")).containsExactly("(1)", "(2)", "(K)");
            assertThat(keys(c, "ids.public.enrol")).containsExactly("(100)");
        }
    }

    @Test
    void rowFilterAndRowLimit() {
        ClosureRules filtered = rules("d1").withTable(TableId.parse(LINK), new TableRule(TablePolicy.DEFAULT,
                "guardian_id=999", 0, List.of()));
        try (Closure c = close(districts(), filtered)) {
            assertThat(keys(c, LINK)).isEmpty();
        }
        ClosureRules limited = rules("d1").withTable(TableId.parse(PERSON), new TableRule(TablePolicy.DEFAULT, null, 3, List.of()));
        assertThatThrownBy(() -> close(districts(), limited)).isInstanceOf(ClosureException.class)
                .hasMessageContaining("ids.public.person").hasMessageContaining("row limit 3");
    }

    @Test
    void diamondIsIncludedOnce() {
        MemoryEstate e = new MemoryEstate()
                .table("s.public.t", List.of("id"), "id", "code:text")
                .table("s.public.b", List.of("id"), "id", "t_id")
                .table("s.public.c", List.of("id"), "id", "t_id")
                .table("s.public.d", List.of("id"), "id", "b_id", "c_id")
                .rows("s.public.t", r(1L, "x"), r(2L, "y"))
                .rows("s.public.b", r(1L, 1L), r(2L, 2L)).rows("s.public.c", r(1L, 1L), r(2L, 2L))
                .rows("s.public.d", r(1L, 1L, 1L), r(2L, 1L, 2L), r(3L, 2L, 2L))
                .fk("s.public.b", "t_id", "s.public.t", "id").fk("s.public.c", "t_id", "s.public.t", "id")
                .fk("s.public.d", "b_id", "s.public.b", "id").fk("s.public.d", "c_id", "s.public.c", "id");
        ClosureRules rules = ClosureRules.defaults(new ClosureRules.Tenant(TableId.parse("s.public.t"), List.of("code"), Tuple.of("x")));
        try (Closure c = close(e, rules)) {
            assertThat(keys(c, "s.public.d")).containsExactly("(1)", "(2)");
            assertThat(keys(c, "s.public.c")).containsExactly("(1)", "(2)");
            assertThat(keys(c, "s.public.t")).containsExactly("(1)", "(2)");
            assertThat(c.plan().crossTenant()).extracting(Plan.CrossTenantRow::key).containsExactly("id=2");
            assertThat(c.plan().loadOrder()).containsExactly("s.public.t", "s.public.b", "s.public.c", "s.public.d");
        }
    }

    @Test
    void selfReferenceChainIsPulledUpwardToItsEnd() {
        MemoryEstate e = new MemoryEstate()
                .table("s.public.t", List.of("id"), "id", "code:text")
                .table("s.public.course", List.of("id"), "id", "t_id", "prereq_id")
                .rows("s.public.t", r(1L, "x"), r(2L, "y"))
                .rows("s.public.course", r(1L, 1L, 5L), r(5L, 2L, 6L), r(6L, 2L, 7L), r(7L, 2L, null), r(8L, 2L, 7L))
                .fk("s.public.course", "t_id", "s.public.t", "id").fk("s.public.course", "prereq_id", "s.public.course", "id");
        ClosureRules rules = ClosureRules.defaults(new ClosureRules.Tenant(TableId.parse("s.public.t"), List.of("code"), Tuple.of("x")));
        try (Closure c = close(e, rules)) {
            assertThat(keys(c, "s.public.course")).containsExactly("(1)", "(5)", "(6)", "(7)");
            assertThat(c.plan().crossTenant()).extracting(Plan.CrossTenantRow::key).containsExactly("id=5");
        }
    }

    static MemoryEstate cycles() {
        return new MemoryEstate()
                .table("h.public.t", List.of("id"), "id", "code:text")
                .table("h.public.gradebook", List.of("id"), "id", "t_id", "current_period_id")
                .table("h.public.period", List.of("id"), "id", "gradebook_id")
                .table("h.public.grade", List.of("id"), "id", "period_id", "gradebook_id")
                .rows("h.public.t", r(1L, "x"), r(2L, "y"))
                .rows("h.public.gradebook", r(1L, 1L, 10L), r(2L, 2L, 20L))
                .rows("h.public.period", r(10L, 1L), r(11L, 1L), r(20L, 2L))
                .rows("h.public.grade", r(1L, 11L, 1L), r(2L, 20L, 2L))
                .fk("h.public.gradebook", "t_id", "h.public.t", "id")
                .fk("h.public.gradebook", "current_period_id", "h.public.period", "id")
                .fk("h.public.period", "gradebook_id", "h.public.gradebook", "id")
                .fk("h.public.grade", "period_id", "h.public.period", "id")
                .fk("h.public.grade", "gradebook_id", "h.public.gradebook", "id");
    }

    @Test
    void notNullCyclesSharingTablesAreClosedAndGroupedInTheLoadOrder() {
        ClosureRules rules = ClosureRules.defaults(new ClosureRules.Tenant(TableId.parse("h.public.t"), List.of("code"), Tuple.of("x")));
        try (Closure c = close(cycles(), rules)) {
            assertThat(keys(c, "h.public.gradebook")).containsExactly("(1)");
            assertThat(keys(c, "h.public.period")).containsExactly("(10)", "(11)");
            assertThat(keys(c, "h.public.grade")).containsExactly("(1)");
            assertThat(c.plan().loadOrder()).containsExactly("h.public.t", "h.public.gradebook", "h.public.period",
                    "h.public.grade");
        }
    }

    @Test
    void compositeKeysAndCompositeSelfReference() {
        MemoryEstate e = new MemoryEstate()
                .table("c.public.d", List.of("id"), "id", "code:text")
                .table("c.public.session", List.of("district_id", "code"), "district_id", "code:text", "parent_code:text")
                .table("c.public.section", List.of("id"), "id", "district_id", "session_code:text")
                .rows("c.public.d", r(1L, "x"), r(2L, "y"))
                .rows("c.public.session", r(1L, "Y", null), r(1L, "T1", "Y"), r(2L, "Y", null), r(2L, "T1", "Y"))
                .rows("c.public.section", r(5L, 1L, "T1"), r(6L, 2L, "T1"))
                .fk("c.public.session", "district_id", "c.public.d", "id")
                .fk("c.public.session", "district_id,parent_code", "c.public.session", "district_id,code")
                .fk("c.public.section", "district_id,session_code", "c.public.session", "district_id,code");
        ClosureRules rules = ClosureRules.defaults(new ClosureRules.Tenant(TableId.parse("c.public.d"), List.of("code"), Tuple.of("x")));
        try (Closure c = close(e, rules)) {
            assertThat(keys(c, "c.public.session")).containsExactly("(1,T1)", "(1,Y)");
            assertThat(keys(c, "c.public.section")).containsExactly("(5)");
        }
    }

    @Test
    void tableWithoutPrimaryKeyIsKeyedByAllColumns() {
        MemoryEstate e = districts().table("ids.public.usage", null, "district_id", "person_id", "minutes")
                .rows("ids.public.usage", r(1L, 100L, 5L), r(1L, 100L, 7L), r(2L, 200L, 3L), r(2L, 101L, 4L))
                .fk("ids.public.usage", "district_id", DISTRICT, "id").fk("ids.public.usage", "person_id", PERSON, "id");
        try (Closure c = close(e, rules("d1"))) {
            assertThat(keys(c, "ids.public.usage")).containsExactly("(1,100,5)", "(1,100,7)", "(2,101,4)");
            assertThat(c.keyColumns(TableId.parse("ids.public.usage"))).containsExactly("district_id", "person_id", "minutes");
        }
    }

    static MemoryEstate withEvents() {
        return districts().table("adb.public.event", List.of("id"), "id", "district_id", "payload:jsonb")
                .rows("adb.public.event", r(1L, 1L, Map.of("personId", 100)), r(2L, 1L, Map.of("personId", 999)),
                        r(3L, 2L, Map.of("personId", 200)), r(4L, 2L, Map.of("personId", 101)), r(5L, 1L, Map.of()))
                .link("adb.public.event", "district_id", DISTRICT, "id")
                .jsonLink("adb.public.event", "payload", "$.personId", PERSON, "id");
    }

    static final String JSON_LINK = "adb.public.event(payload $.personId) -> ids.public.person(id)";

    @Test
    void danglingDropLeavesTheReferencingRowOut() {
        ClosureRules rules = rules("d1").withDangling(DanglingPolicy.FAIL, Map.of(JSON_LINK, DanglingPolicy.DROP));
        try (Closure c = close(withEvents(), rules)) {
            assertThat(keys(c, "adb.public.event")).containsExactly("(1)", "(4)", "(5)");
            assertThat(c.plan().dangling()).containsExactly(new Plan.Dangling("adb.public.event(payload->'$.personId')",
                    "ids.public.person(id)", 1, "drop"));
            assertThat(c.failures(rules)).isEmpty();
            // Event 2 is a leaf that pulled nothing in alone: it is dropped in place, without a second pass, and
            // the counts per reference are those the second pass gave (events 1 and 5 from the district).
            assertThat(c.passes()).isEqualTo(1);
            assertThat(c.rowsPerEdge()).contains(
                    new Closure.EdgeRows("adb.public.event(district_id) -> ids.public.district(id)", "down", 2),
                    new Closure.EdgeRows(JSON_LINK, "down", 1));
            long viaEdges = c.rowsPerEdge().stream().mapToLong(Closure.EdgeRows::rows).sum();
            assertThat(viaEdges).isEqualTo(c.keyCount() - 1);
        }
    }

    /** {@link #withEvents()} with a reporter per event: event 2 (the dangling one) alone pulls in person 202. */
    static MemoryEstate withReportedEvents() {
        return districts().table("adb.public.event", List.of("id"), "id", "district_id", "reporter_id", "payload:jsonb")
                .rows("adb.public.event", r(1L, 1L, 100L, Map.of("personId", 100)), r(2L, 1L, 202L, Map.of("personId", 999)),
                        r(3L, 2L, 200L, Map.of("personId", 200)), r(4L, 2L, null, Map.of("personId", 101)),
                        r(5L, 1L, null, Map.of()))
                .link("adb.public.event", "district_id", DISTRICT, "id")
                .link("adb.public.event", "reporter_id", PERSON, "id")
                .jsonLink("adb.public.event", "payload", "$.personId", PERSON, "id");
    }

    @Test
    void droppingARowThatAlonePulledAParentInTakesAnotherPass() {
        ClosureRules rules = rules("d1").withDangling(DanglingPolicy.FAIL, Map.of(JSON_LINK, DanglingPolicy.DROP));
        try (Closure c = close(withReportedEvents(), rules)) {
            assertThat(keys(c, "adb.public.event")).containsExactly("(1)", "(4)", "(5)");
            assertThat(keys(c, PERSON)).as("202 came in only as event 2's reporter").doesNotContain("(202)")
                    .contains("(100)", "(101)");
            assertThat(c.passes()).isEqualTo(2);
            long viaEdges = c.rowsPerEdge().stream().mapToLong(Closure.EdgeRows::rows).sum();
            assertThat(viaEdges).isEqualTo(c.keyCount() - 1);
        }
    }

    @Test
    void danglingNullAndFailKeepTheRow() {
        for (DanglingPolicy p : List.of(DanglingPolicy.NULL, DanglingPolicy.FAIL)) {
            ClosureRules rules = rules("d1").withDangling(p, Map.of());
            try (Closure c = close(withEvents(), rules)) {
                assertThat(keys(c, "adb.public.event")).containsExactly("(1)", "(2)", "(4)", "(5)");
                assertThat(c.plan().dangling()).extracting(Plan.Dangling::count, Plan.Dangling::policy)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, p.name().toLowerCase()));
                assertThat(c.failures(rules)).hasSize(p == DanglingPolicy.FAIL ? 1 : 0);
            }
        }
    }

    @Test
    void spillingKeysGivesTheIdenticalPlanAndKeys() {
        ClosureRules rules = rules("d1").withDangling(DanglingPolicy.DROP, Map.of());
        MemoryEstate e = withEvents();
        try (Closure heap = new ClosurePlanner().close(e.schema(), rules, e.sources());
                Closure spilled = new ClosurePlanner(1).close(e.schema(), rules, e.sources())) {
            assertThat(PlanJson.write(spilled.plan())).isEqualTo(PlanJson.write(heap.plan()));
            for (TableId t : heap.tables()) {
                assertThat(spilled.keys(t)).isEqualTo(heap.keys(t));
            }
        }
    }

    @Test
    void laterPassesAnswerFromTheFirstPassRowsWithTheIdenticalClosure() {
        ClosureRules dropped = rules("d1").withDangling(DanglingPolicy.DROP, Map.of());
        ClosureRules nullified = rules("d1").withCrossTenant(ClosureRules.CrossTenantPolicy.NULLIFY);
        for (ClosureRules rules : List.of(dropped, nullified)) {
            MemoryEstate e = withReportedEvents();
            int[] asked = new int[2];
            try (Closure prod = new ClosurePlanner(ClosurePlanner.DEFAULT_SPILL_THRESHOLD, 0)
                            .close(e.schema(), rules, counted(e.sources(), asked, 0));
                    Closure memo = new ClosurePlanner().close(e.schema(), rules, counted(e.sources(), asked, 1))) {
                assertThat(memo.passes()).isEqualTo(prod.passes()).isGreaterThan(1);
                assertThat(PlanJson.write(memo.plan())).isEqualTo(PlanJson.write(prod.plan()));
                assertThat(memo.rowsPerEdge()).isEqualTo(prod.rowsPerEdge());
                for (TableId t : prod.tables()) {
                    assertThat(memo.keys(t)).isEqualTo(prod.keys(t));
                }
                assertThat(asked[1]).isLessThan(asked[0]);
                assertThat(memo.memoBytes()).as("the rows are let go once the closure is final").isZero();
            }
        }
    }

    /** The sources, counting the questions asked of them into {@code asked[slot]}. */
    static Map<String, RowSource> counted(Map<String, RowSource> sources, int[] asked, int slot) {
        Map<String, RowSource> out = new java.util.LinkedHashMap<>();
        sources.forEach((store, s) -> out.put(store, new RowSource() {
            @Override
            public void select(TableId table, List<String> matchColumns, java.util.Collection<Tuple> values,
                    List<Projection> projections, String filter, RowSink sink) {
                asked[slot]++;
                s.select(table, matchColumns, values, projections, filter, sink);
            }

            @Override
            public void scan(TableId table, List<Projection> projections, String filter, RowSink sink) {
                asked[slot]++;
                s.scan(table, projections, filter, sink);
            }
        }));
        return out;
    }

    @Test
    void planJsonHasTheInterfaceShape() {
        Plan plan = ClosurePlanner.plan(districts().schema(), rules("d1"), districts().sources());
        String json = PlanJson.write(plan);
        assertThat(json).contains("\"district\" : \"d1\"", "\"table\" : \"public.person\"", "\"kind\" : \"table\"",
                "\"rows\" : 4", "\"owner\" : \"d2\"");
        assertThat(PlanJson.read(json)).isEqualTo(plan);
    }
}
