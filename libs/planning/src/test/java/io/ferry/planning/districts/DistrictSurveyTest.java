package io.ferry.planning.districts;

import static io.ferry.planning.districts.Schemas.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The survey's SQL and its mapping of cross-store keys to districts, answered by a fake store. */
class DistrictSurveyTest {

    private final Map<String, List<String[]>> answers = new HashMap<>();

    private void answer(String store, String sql, String[]... rows) {
        answers.put(store + "|" + sql, List.of(rows));
    }

    private StoreQueries fake() {
        return (store, sql, row) -> {
            List<String[]> rows = answers.get(store + "|" + sql);
            assertThat(rows).as("unexpected query on %s: %s", store, sql).isNotNull();
            rows.forEach(row);
        };
    }

    @Test
    void countsAlongThePathInsideAStoreAndMapsCrossStoreKeysToDistricts() {
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
}
