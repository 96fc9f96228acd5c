package io.ferry.schema.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.schema.model.Reference;
import io.ferry.schema.model.TableId;
import java.util.List;
import org.junit.jupiter.api.Test;

class DependencyGraphTest {

    static List<String> order(DependencyGraph g, String store) {
        return g.loadOrder(store).stream().flatMap(gr -> gr.tables().stream()).map(TableId::name).toList();
    }

    static List<String> breaks(Cycle c) {
        return c.breaks().stream().map(b -> b.reference().name() + ":" + b.method()).toList();
    }

    @Test
    void diamondLoadsTheCommonParentFirstAndTheJoinLast() {
        DependencyGraph g = new Schemas().table("s.d").table("s.b").table("s.c").table("s.a")
                .ref("s.d", "s.b").ref("s.d", "s.c").ref("s.b", "s.a").ref("s.c", "s.a").graph();
        assertThat(order(g, "s")).containsExactly("a", "b", "c", "d");
        assertThat(g.cycles()).isEmpty();
        assertThat(g.loadOrder("s")).noneMatch(LoadGroup::cyclic);
    }

    @Test
    void selfReferenceChainsAreOneTableCyclesBrokenByTheirOwnNullability() {
        DependencyGraph g = new Schemas().table("s.node").table("s.strict").table("s.late").table("s.root")
                .nullable("s.node", "s.node").ref("s.node", "s.root")
                .ref("s.strict", "s.strict").deferrable("s.late", "s.late").graph();
        assertThat(order(g, "s")).containsExactly("late", "root", "node", "strict");
        assertThat(g.cycles()).extracting(Cycle::kind).containsOnly(CycleKind.SELF_REFERENCE);
        assertThat(g.cycles()).extracting(c -> c.breaks().get(0).method())
                .containsExactly(BreakMethod.DEFER, BreakMethod.NULL_THEN_UPDATE, BreakMethod.ONE_STATEMENT);
    }

    @Test
    void nullableCycleIsBrokenAtTheNullableReference() {
        DependencyGraph g = new Schemas().table("s.school").table("s.person").table("s.district")
                .nullable("s.school", "s.person").ref("s.person", "s.school").ref("s.school", "s.district").graph();
        Cycle c = g.cycles().get(0);
        assertThat(c.kind()).isEqualTo(CycleKind.NULLABLE);
        assertThat(breaks(c)).containsExactly("school_person_fkey:NULL_THEN_UPDATE");
        assertThat(order(g, "s")).containsExactly("district", "school", "person");
        assertThat(c.explanation()).contains("nullable, inserted as NULL");
    }

    @Test
    void deferrableAndNotNullCyclesAreToldApart() {
        DependencyGraph g = new Schemas().table("s.gradebook").table("s.period").table("s.rubric").table("s.criterion")
                .deferrable("s.gradebook", "s.period").deferrable("s.period", "s.gradebook")
                .ref("s.rubric", "s.criterion").ref("s.criterion", "s.rubric").graph();
        assertThat(g.cycles()).extracting(Cycle::kind).containsExactly(CycleKind.NOT_NULL, CycleKind.DEFERRABLE);
        Cycle notNull = g.cycles().get(0);
        assertThat(notNull.tables()).extracting(TableId::name).containsExactly("criterion", "rubric");
        assertThat(breaks(notNull)).containsExactly("rubric_criterion_fkey:ONE_STATEMENT");
        assertThat(notNull.explanation()).contains("one statement");
        assertThat(g.cycles().get(1).breaks()).hasSize(1).allMatch(b -> b.method() == BreakMethod.DEFER);
    }

    @Test
    void severalCyclesSharingTablesFormOneComponentWithMinimalBreaks() {
        // a <-> b (b->a nullable), b <-> c (c->b nullable), c -> a NOT NULL, a -> c deferrable
        DependencyGraph g = new Schemas().table("s.a").table("s.b").table("s.c").table("s.x")
                .ref("s.a", "s.b").nullable("s.b", "s.a").ref("s.b", "s.c").nullable("s.c", "s.b")
                .ref("s.c", "s.x").graph();
        assertThat(g.cycles()).hasSize(1);
        Cycle c = g.cycles().get(0);
        assertThat(c.tables()).extracting(TableId::name).containsExactly("a", "b", "c");
        assertThat(breaks(c)).containsExactly("b_a_fkey:NULL_THEN_UPDATE", "c_b_fkey:NULL_THEN_UPDATE");
        assertThat(order(g, "s")).containsExactly("x", "c", "b", "a");
    }

    @Test
    void aHardCycleInsideAComponentForcesOneStatementEvenIfOthersAreNullable() {
        DependencyGraph g = new Schemas().table("s.a").table("s.b").table("s.c")
                .ref("s.a", "s.b").ref("s.b", "s.a").nullable("s.b", "s.c").ref("s.c", "s.b").graph();
        Cycle c = g.cycles().get(0);
        assertThat(c.kind()).isEqualTo(CycleKind.NOT_NULL);
        assertThat(c.breaks()).allMatch(b -> b.method() == BreakMethod.ONE_STATEMENT);
        assertThat(c.tables()).hasSize(3);
    }

    @Test
    void compositeReferencesAreEdgesLikeAnyOther() {
        DependencyGraph g = new Schemas().table("s.session").table("s.section")
                .composite("s.section", "s.session", false).composite("s.session", "s.session", true).graph();
        assertThat(order(g, "s")).containsExactly("session", "section");
        assertThat(g.cycles()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(CycleKind.SELF_REFERENCE);
            assertThat(c.breaks().get(0).reference().composite()).isTrue();
        });
    }

    @Test
    void junctionOnlyTablesAndTablesWithoutKeysFollowTheirParents() {
        DependencyGraph g = new Schemas().table("s.student").table("s.guardian").tableWithoutKey("s.usage")
                .table("s.link").ref("s.link", "s.student").ref("s.link", "s.guardian").ref("s.usage", "s.student")
                .tableWithoutKey("s.alone").graph();
        assertThat(order(g, "s")).containsExactly("alone", "guardian", "student", "link", "usage");
    }

    @Test
    void storesWaitForTheStoresTheyReferenceAndMutualStoresShareAWave() {
        DependencyGraph g = new Schemas().table("ids.person").table("hcp.enrollment").table("adb.event")
                .table("x.a").table("y.b")
                .link("hcp.enrollment", "ids.person", Reference.Origin.LINK)
                .link("adb.event", "hcp.enrollment", Reference.Origin.JSON_PATH)
                .link("x.a", "y.b", Reference.Origin.LINK).link("y.b", "x.a", Reference.Origin.LINK).graph();
        assertThat(g.storeWaves()).extracting(StoreWave::stores)
                .containsExactly(List.of("ids", "x", "y"), List.of("hcp"), List.of("adb"));
        assertThat(g.storeWaves().get(0).mutual()).containsExactly(List.of("x", "y"));
        assertThat(g.waitsFor("adb")).containsExactly("hcp");
        assertThat(g.cycles()).isEmpty();
        assertThat(g.crossStoreReferences()).hasSize(4);
    }

    @Test
    void unenforcedSpecReferencesBreakCyclesFirst() {
        DependencyGraph g = new Schemas().table("s.a").table("s.b").ref("s.a", "s.b")
                .link("s.b", "s.a", Reference.Origin.VIRTUAL).graph();
        assertThat(g.cycles()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(CycleKind.UNENFORCED);
            assertThat(c.breaks()).extracting(CycleBreak::method).containsExactly(BreakMethod.UNENFORCED);
        });
        assertThat(order(g, "s")).containsExactly("b", "a");
    }

    @Test
    void unknownReferencedTablesBecomeNodesAndLongChainsDoNotOverflow() {
        Schemas s = new Schemas();
        for (int i = 0; i < 20_000; i++) {
            s.table("s.t" + i);
            if (i > 0) {
                s.ref("s.t" + i, "s.t" + (i - 1));
            }
        }
        s.ref("s.t0", "s.missing");
        DependencyGraph g = s.graph();
        assertThat(g.nodes()).hasSize(20_001);
        List<String> order = order(g, "s");
        assertThat(order.get(0)).isEqualTo("missing");
        assertThat(order.get(20_000)).isEqualTo("t19999");
    }

    @Test
    void outputIsDeterministic() {
        Schemas s = new Schemas().table("s.b").table("s.a").table("s.c").nullable("s.a", "s.b").ref("s.b", "s.a")
                .ref("s.c", "s.a");
        assertThat(s.graph().cycles()).isEqualTo(s.graph().cycles());
        assertThat(order(s.graph(), "s")).isEqualTo(order(s.graph(), "s"));
    }
}
