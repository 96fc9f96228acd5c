package io.ferry.planning.districts;

import static io.ferry.planning.districts.Schemas.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.schema.model.TableId;
import io.ferry.spec.model.Link;
import io.ferry.spec.model.RefSyntax;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The survey's SQL and its mapping of cross-store keys to districts, answered by a fake store. */
class DistrictSurveyTest {

    private final Map<String, List<String[]>> answers = new HashMap<>();
    private final List<String> asked = new ArrayList<>();

    private void answer(String store, String sql, String[]... rows) {
        answers.put(store + "|" + sql, List.of(rows));
    }

    private StoreQueries fake() {
        return (store, sql, row) -> {
            List<String[]> rows = answers.get(store + "|" + sql);
            assertThat(rows).as("unexpected query on %s: %s", store, sql).isNotNull();
            asked.add(store + "|" + sql);
            rows.forEach(row);
        };
    }

    @Test
    void countsAlongThePathInsideAStoreAndMapsCrossStoreKeysToDistricts() {
        relationalAnswers();
        answer("hcp", "SELECT t0.school_id, to_char(max(greatest(t0.created_at::timestamptz)) AT TIME ZONE 'UTC',"
                + " 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM public.course t0 WHERE t0.school_id IS NOT NULL GROUP BY 1",
                new String[] {"10", "2026-01-02T00:00:00Z"}, new String[] {"11", "2026-03-04T00:00:00Z"});

        var paths = OwnershipPaths.of(estate(), spec(null));
        var survey = new DistrictSurvey(estate(), paths, List.of("code"), fake());
        var districts = survey.survey(List.of(Headcount.parse("students=ids.public.person:kind = 'student'")), 3);

        assertThat(districts).extracting(DistrictFootprint::id).containsExactly("d1", "d2");
        DistrictFootprint d1 = districts.get(0);
        assertThat(d1.rowsByStore()).containsExactly(Map.entry("ids", 9L), Map.entry("hcp", 8L));
        assertThat(d1.bytesByStore()).as("table bytes shared by rows; course's 7 dangling rows own none")
                .containsExactly(Map.entry("ids", 50L + 200 + 600), Map.entry("hcp", 800L));
        assertThat(d1.students()).isEqualTo(5);
        assertThat(d1.staff()).as("not configured").isNull();
        assertThat(d1.lastActivity()).isEqualTo("2026-03-04T00:00:00Z");
        DistrictFootprint d2 = districts.get(1);
        assertThat(d2.rowsByStore()).containsExactly(Map.entry("ids", 6L), Map.entry("hcp", 4L));
        assertThat(d2.students()).isZero();
        assertThat(d2.lastActivity()).isNull();
    }

    @Test
    void mapsEachLinkedLabelsNodesToDistrictsWithTheLinkedTablesKeys() {
        relationalAnswers();
        // (key, district) pairs of the linked tables; school's are read once for course's rows and reused.
        answer("ids", "SELECT DISTINCT t0.id, t0.code FROM public.district t0 WHERE t0.code IS NOT NULL",
                new String[] {"1", "d1"}, new String[] {"2", "d2"});
        answer("ids", "SELECT DISTINCT t0.id, t1.code FROM public.person t0 JOIN public.district t1"
                + " ON t0.district_id = t1.id WHERE t1.code IS NOT NULL",
                new String[] {"100", "d1"}, new String[] {"101", "d1"}, new String[] {"200", "d2"});
        answer("hcp", "SELECT DISTINCT t0.id, t0.school_id FROM public.course t0 WHERE t0.school_id IS NOT NULL",
                new String[] {"7", "10"}, new String[] {"8", "12"}, new String[] {"9", "99"});
        Map<String, List<String[]>> nodes = Map.of(
                "District(districtId)", List.of(new String[] {"1", "1"}, new String[] {"2", "1"}),
                // a node without the property, and one naming a person PROD does not have: nobody's
                "Person(personId)", List.of(new String[] {"100", "1"}, new String[] {"101", "1"},
                        new String[] {"200", "1"}, new String[] {null, "4"}, new String[] {"999", "2"}),
                // course 9 belongs to school 99, which no district owns
                "Class(courseId)", List.of(new String[] {"7", "3"}, new String[] {"8", "2"}, new String[] {"9", "5"}));
        List<String> labelsAsked = new ArrayList<>();
        GraphQueries graph = (store, label, properties, row) -> {
            assertThat(store).isEqualTo("sp");
            String asked = label + "(" + String.join(",", properties) + ")";
            labelsAsked.add(asked);
            assertThat(nodes).as("unexpected label %s", asked).containsKey(asked);
            nodes.get(asked).forEach(row);
        };
        List<Link> links = List.of(
                link("sp:District(districtId)", "ids.public.district", "id"),
                link("sp:Person(personId)", "ids.public.person", "id"),
                link("sp:Person(email)", "ids.public.person", "email"),
                link("sp:Class(courseId)", "hcp.public.course", "id"),
                link("sp:Tag(code)", "adb.public.tag", "code"),
                link("ids.public.person(school_id)", "ids.public.school", "id"));

        var paths = OwnershipPaths.of(estate(), spec(null));
        var districts = new DistrictSurvey(estate(), paths, List.of("code"), fake(), links, graph).survey(List.of(), 0);

        assertThat(labelsAsked).as("one count per label by its first link to an owned table; Tag's table is not owned")
                .containsExactly("District(districtId)", "Person(personId)", "Class(courseId)");
        assertThat(asked.stream().filter(q -> q.contains("DISTINCT t0.id, t1.code FROM public.school"))).hasSize(1);
        assertThat(districts).extracting(DistrictFootprint::id).containsExactly("d1", "d2");
        assertThat(districts.get(0).rowsByStore()).containsExactly(Map.entry("ids", 9L), Map.entry("hcp", 8L),
                Map.entry("sp", 1L + 2 + 3));
        assertThat(districts.get(1).rowsByStore()).containsExactly(Map.entry("ids", 6L), Map.entry("hcp", 4L),
                Map.entry("sp", 1L + 1 + 2));
        assertThat(districts.get(0).bytesByStore()).containsEntry("sp", 0L);
        assertThat(districts.get(0).rows()).isEqualTo(9 + 8 + 6);
    }

    private static Link link(String from, String table, String column) {
        return new Link(RefSyntax.parse(from), ref(TableId.parse(table), column), null, null);
    }

    private void relationalAnswers() {
        answer("ids", "SELECT t0.code, count(*) FROM public.district t0 WHERE t0.code IS NOT NULL GROUP BY 1",
                new String[] {"d1", "1"}, new String[] {"d2", "1"});
        answer("ids", "SELECT t1.code, count(*) FROM public.school t0 JOIN public.district t1 ON t0.district_id = t1.id"
                + " WHERE t1.code IS NOT NULL GROUP BY 1", new String[] {"d1", "2"}, new String[] {"d2", "1"});
        answer("ids", "SELECT t1.code, count(*) FROM public.person t0 JOIN public.district t1 ON t0.district_id = t1.id"
                + " WHERE t1.code IS NOT NULL GROUP BY 1", new String[] {"d1", "6"}, new String[] {"d2", "4"});
        answer("ids", "SELECT t1.code, count(*) FROM (SELECT * FROM public.person WHERE kind = 'student') t0"
                + " JOIN public.district t1 ON t0.district_id = t1.id WHERE t1.code IS NOT NULL GROUP BY 1",
                new String[] {"d1", "5"});
        answer("hcp", "SELECT t0.school_id, count(*) FROM public.course t0 WHERE t0.school_id IS NOT NULL GROUP BY 1",
                new String[] {"10", "5"}, new String[] {"11", "3"}, new String[] {"12", "4"}, new String[] {"99", "7"});
        answer("ids", "SELECT DISTINCT t0.id, t1.code FROM public.school t0 JOIN public.district t1"
                + " ON t0.district_id = t1.id WHERE t1.code IS NOT NULL",
                new String[] {"10", "d1"}, new String[] {"11", "d1"}, new String[] {"12", "d2"});
    }
}
