package io.ferry.planning.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.planning.ClosureRules.CrossTenantPolicy;
import io.ferry.planning.ClosureRules.DanglingPolicy;
import io.ferry.planning.Plan;
import io.ferry.planning.Tuple;
import io.ferry.schema.model.TableId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The traversal rules on a hand-made graph: two districts, a student connected across them, a guardian
 * the relational closure reports as another district's, a person missing from PROD, and a relationship
 * type that is not followed.
 */
class GraphClosureTest {
    private static final List<String> FOLLOW = List.of("PART_OF", "MEMBER_OF", "CONNECTED_TO", "GUARDIAN_OF");

    /** d1 <- s1 <- p100, p101, p300 (absent from PROD); d2 <- s2 <- p200, p201; p100 -> p200 -> p201; g400 -> p101. */
    private static MemoryGraph graph() {
        return new MemoryGraph()
                .node("d1", "District", "districtId", 1L).node("d2", "District", "districtId", 2L)
                .node("s1", "School", "schoolId", 10L).node("s2", "School", "schoolId", 20L)
                .node("p100", "Person", "personId", 100L).node("p101", "Person", "personId", 101L)
                .node("p200", "Person", "personId", 200L).node("p201", "Person", "personId", 201L)
                .node("p300", "Person", "personId", 300L).node("g400", "Person", "personId", 400L)
                .rel("s1", "PART_OF", "d1").rel("s2", "PART_OF", "d2")
                .rel("p100", "MEMBER_OF", "s1").rel("p101", "MEMBER_OF", "s1").rel("p300", "MEMBER_OF", "s1")
                .rel("p200", "MEMBER_OF", "s2").rel("p201", "MEMBER_OF", "s2")
                .rel("p100", "CONNECTED_TO", "p200").rel("p200", "CONNECTED_TO", "p201")
                .rel("g400", "GUARDIAN_OF", "p101").rel("p100", "KNOWS", "p201");
    }

    /** The relational side: 100 and 101 owned, 400 a copied cross-tenant row, 200 and 201 in PROD only, 300 nowhere. */
    private static final class Relational implements LinkedRows {
        @Override
        public List<List<Object>> tenantValues(GraphRules.Link link) {
            return List.of(List.of(1L));
        }

        @Override
        public Map<List<Object>, Verdict> verdicts(GraphRules.Link link, Collection<List<Object>> values) {
            Map<List<Object>, Verdict> out = new HashMap<>();
            for (List<Object> v : values) {
                long id = (Long) v.get(0);
                out.put(v, switch ((int) id) {
                    case 400 -> new Verdict(State.FOREIGN, "district-002");
                    case 200, 201 -> new Verdict(State.OUTSIDE, null);
                    case 300 -> new Verdict(State.ABSENT, null);
                    default -> Verdict.OWNED;
                });
            }
            return out;
        }

        @Override
        public String district(GraphRules.Link link, List<Object> values) {
            return "district-00" + values.get(0);
        }
    }

    private static GraphRules rules(List<String> follow, CrossTenantPolicy crossTenant, DanglingPolicy personDangling) {
        Map<String, GraphRules.LabelRule> labels = Map.of(
                "District", label("District", "districtId", "district", DanglingPolicy.FAIL),
                "School", label("School", "schoolId", "school", DanglingPolicy.FAIL),
                "Person", label("Person", "personId", "person", personDangling));
        Map<String, GraphRules.Endpoints> types = Map.of("PART_OF", new GraphRules.Endpoints("School", "District"),
                "MEMBER_OF", new GraphRules.Endpoints("Person", "School"),
                "CONNECTED_TO", new GraphRules.Endpoints("Person", "Person"),
                "GUARDIAN_OF", new GraphRules.Endpoints("Person", "Person"));
        Map<String, GraphRules.Endpoints> followed = new HashMap<>(types);
        followed.keySet().retainAll(follow);
        return new GraphRules("sp", List.of(new GraphRules.Root("District", labels.get("District").links().get(0))),
                follow, labels, followed, crossTenant);
    }

    private static GraphRules.LabelRule label(String label, String property, String table, DanglingPolicy dangling) {
        return new GraphRules.LabelRule(label, List.of(property), List.of(new GraphRules.Link(label, List.of(property),
                new TableId("ids", "public", table), List.of("id"), dangling, "sp:" + label + "(" + property + ")",
                "ids.public." + table + "(id)")));
    }

    private static GraphPlan plan(GraphRules rules) {
        return plan(rules, graph());
    }

    private static GraphPlan plan(GraphRules rules, MemoryGraph graph) {
        return new GraphClosure(rules, graph, new Relational()).run();
    }

    private static Set<Object> persons(GraphPlan plan) {
        return plan.keys(new TableId("sp", "label", "Person")).stream().map(t -> t.get(0)).collect(Collectors.toSet());
    }

    private static List<Tuple> rels(GraphPlan plan, String type) {
        return plan.keys(new TableId("sp", "relationship", type));
    }

    @Test
    void copiesForeignNodesWhoseRowsTheRunCopiesButNeverTraversesFromThem() {
        GraphPlan plan = plan(rules(FOLLOW, CrossTenantPolicy.COPY, DanglingPolicy.FAIL));
        // 400's row is a copied cross-tenant row; 200's row stays in PROD, so its node would dangle in CERT
        assertThat(persons(plan)).containsExactlyInAnyOrder(100L, 101L, 300L, 400L);
        assertThat(plan.keys(new TableId("sp", "label", "School"))).containsExactly(Tuple.of(10L));
        assertThat(plan.keys(new TableId("sp", "label", "District"))).containsExactly(Tuple.of(1L));
        assertThat(rels(plan, "CONNECTED_TO")).isEmpty();
        assertThat(rels(plan, "GUARDIAN_OF")).containsExactly(Tuple.of(400L, 101L));
        assertThat(plan.leftOut()).extracting(Plan.CrossTenantRow::key).containsExactly("personId=200");
        assertThat(rels(plan, "MEMBER_OF")).containsExactly(Tuple.of(100L, 10L), Tuple.of(101L, 10L), Tuple.of(300L, 10L));
        assertThat(plan.keyColumns(new TableId("sp", "relationship", "CONNECTED_TO")))
                .containsExactly("from.personId", "to.personId");
    }

    @Test
    void itsTimingNamesItsRoundsAndTheirThreeSteps() {
        GraphClosure closure = new GraphClosure(rules(FOLLOW, CrossTenantPolicy.COPY, DanglingPolicy.FAIL), graph(),
                new Relational());
        GraphPlan plan = closure.run();

        assertThat(plan.rounds()).isGreaterThan(1);
        assertThat(closure.timing()).matches("in " + plan.rounds()
                + " rounds \\(hops \\d+\\.\\d s, nodes \\d+\\.\\d s, ownership \\d+\\.\\d s\\)");
    }

    @Test
    void reportsEachForeignNodeWithItsOwnerAndThePathFromTheRoot() {
        GraphPlan plan = plan(rules(FOLLOW, CrossTenantPolicy.COPY, DanglingPolicy.FAIL));
        assertThat(plan.crossTenant()).containsExactlyInAnyOrder(
                new Plan.CrossTenantRow("sp", "label.Person", "personId=200", "district-002", List.of(
                        "sp.label.District[districtId=1]", "<-[:PART_OF]- sp.label.School[schoolId=10]",
                        "<-[:MEMBER_OF]- sp.label.Person[personId=100]", "-[:CONNECTED_TO]-> sp.label.Person[personId=200]")),
                new Plan.CrossTenantRow("sp", "label.Person", "personId=400", "district-002", List.of(
                        "sp.label.District[districtId=1]", "<-[:PART_OF]- sp.label.School[schoolId=10]",
                        "<-[:MEMBER_OF]- sp.label.Person[personId=101]", "<-[:GUARDIAN_OF]- sp.label.Person[personId=400]")));
        assertThat(plan.failures()).containsExactly("1 dangling reference(s) sp:Person(personId) -> ids.public.person(id)");
    }

    @Test
    void nullifyLeavesForeignNodesAndTheirRelationshipsOut() {
        GraphPlan plan = plan(rules(FOLLOW, CrossTenantPolicy.NULLIFY, DanglingPolicy.FAIL));
        assertThat(persons(plan)).containsExactlyInAnyOrder(100L, 101L, 300L);
        assertThat(rels(plan, "CONNECTED_TO")).isEmpty();
        assertThat(rels(plan, "GUARDIAN_OF")).isEmpty();
        assertThat(plan.crossTenant()).hasSize(2);
        assertThat(plan.leftOut()).isEqualTo(plan.crossTenant());
    }

    @Test
    void failPolicyKeepsTheCopyableNodesAndFailsTheRun() {
        GraphPlan plan = plan(rules(FOLLOW, CrossTenantPolicy.FAIL, DanglingPolicy.NULL));
        assertThat(persons(plan)).contains(400L).doesNotContain(200L);
        assertThat(plan.failures()).containsExactlyInAnyOrder("cross-tenant node sp.label.Person owned by district-002",
                "cross-tenant node sp.label.Person owned by district-002");
    }

    @Test
    void danglingLinksAreCountedAndDropRemovesTheNode() {
        GraphPlan plan = plan(rules(FOLLOW, CrossTenantPolicy.COPY, DanglingPolicy.DROP));
        assertThat(persons(plan)).doesNotContain(300L);
        assertThat(rels(plan, "MEMBER_OF")).containsExactly(Tuple.of(100L, 10L), Tuple.of(101L, 10L));
        assertThat(plan.dangling()).containsExactly(
                new Plan.Dangling("sp:Person(personId)", "ids.public.person(id)", 1, "drop"));
        assertThat(plan.failures()).isEmpty();
    }

    @Test
    void followsOnlyTheListedTypesInBothDirections() {
        GraphPlan plan = plan(rules(List.of("PART_OF", "MEMBER_OF"), CrossTenantPolicy.COPY, DanglingPolicy.NULL));
        assertThat(persons(plan)).containsExactlyInAnyOrder(100L, 101L, 300L);
        assertThat(plan.tables()).extracting(TableId::toString).containsExactly("sp.label.\"District\"",
                "sp.label.\"Person\"", "sp.label.\"School\"", "sp.relationship.\"MEMBER_OF\"", "sp.relationship.\"PART_OF\"");
        assertThat(plan(rules(List.of("PART_OF"), CrossTenantPolicy.COPY, DanglingPolicy.NULL)).keys(
                new TableId("sp", "label", "Person"))).isEmpty();
    }

    @Test
    void addsLabelsAndTypesToThePlanAndWritesTheirKeys(@TempDir Path dir) throws Exception {
        GraphPlan graph = plan(rules(FOLLOW, CrossTenantPolicy.COPY, DanglingPolicy.FAIL));
        Plan plan = graph.addTo(new Plan("district-001", List.of(), List.of(), List.of(), List.of("ids.public.district")));
        assertThat(plan.tables()).extracting(Plan.TableRows::table, Plan.TableRows::kind, Plan.TableRows::rows)
                .contains(org.assertj.core.groups.Tuple.tuple("label.Person", "label", 4L),
                        org.assertj.core.groups.Tuple.tuple("relationship.GUARDIAN_OF", "relationship", 1L));
        assertThat(plan.loadOrder()).startsWith("ids.public.district", "sp.label.District").endsWith("sp.relationship.PART_OF");
        graph.writeKeys(dir);
        assertThat(Files.readAllLines(dir.resolve("sp/label.Person.csv")))
                .containsExactly("personId", "100", "101", "300", "400");
        assertThat(Files.readAllLines(dir.resolve("sp/relationship.GUARDIAN_OF.csv")))
                .containsExactly("from.personId,to.personId", "400,101");
    }

    @Test
    void twoRelationshipsOfATypeBetweenTheSameNodesAreToldApartByTheirIds() {
        // g400 -> p101 twice (r9 and r11): the type's keys gain <element> and sort with it
        GraphPlan graph = plan(rules(FOLLOW, CrossTenantPolicy.COPY, DanglingPolicy.FAIL),
                graph().rel("g400", "GUARDIAN_OF", "p101"));
        TableId guardianOf = new TableId("sp", "relationship", "GUARDIAN_OF");

        assertThat(graph.keyColumns(guardianOf)).containsExactly("from.personId", "to.personId", GraphPlan.ELEMENT);
        assertThat(rels(graph, "GUARDIAN_OF")).containsExactly(Tuple.of(400L, 101L, "r11"), Tuple.of(400L, 101L, "r9"));
        assertThat(graph.ids(guardianOf)).containsExactly("r11", "r9");
        assertThat(plan(rules(FOLLOW, CrossTenantPolicy.COPY, DanglingPolicy.FAIL)).keyColumns(guardianOf))
                .as("without twins").containsExactly("from.personId", "to.personId");
    }
}
