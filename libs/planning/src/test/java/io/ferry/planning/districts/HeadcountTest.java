package io.ferry.planning.districts;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.planning.districts.Headcount.Kind;
import io.ferry.schema.model.TableId;
import io.ferry.spec.model.Districts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeadcountTest {

    private static final TableId PERSON = TableId.parse("ids.public.person");
    private static final TableId SCHOOL = TableId.parse("ids.public.school");

    @Test
    void theSpecsCountsBecomeHeadcounts() {
        Map<String, Districts.Count> counts = new LinkedHashMap<>();
        counts.put("staff", new Districts.Count(PERSON, "kind = 'staff'"));
        counts.put("schools", new Districts.Count(SCHOOL, null));

        assertThat(Headcount.of(counts)).containsExactly(new Headcount(Kind.STAFF, PERSON, "kind = 'staff'"),
                new Headcount(Kind.SCHOOLS, SCHOOL, null));
    }

    @Test
    void aCountOptionReplacesOnlyTheSpecsCountOfTheSameName() {
        List<Headcount> spec = List.of(new Headcount(Kind.SCHOOLS, SCHOOL, null),
                new Headcount(Kind.STUDENTS, PERSON, "kind = 'student'"));

        assertThat(Headcount.override(spec, List.of(Headcount.parse("students=ids.public.person:grade > 5"))))
                .containsExactly(new Headcount(Kind.STUDENTS, PERSON, "grade > 5"), new Headcount(Kind.SCHOOLS, SCHOOL, null));
    }
}
