package io.ferry.spec.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ferry.schema.model.TableId;
import io.ferry.spec.SpecError;
import io.ferry.spec.SpecException;
import io.ferry.spec.Specs;
import io.ferry.spec.model.Districts;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The {@code districts} section: what {@code ferry districts} counts and how it ranks, strict like the rest. */
class DistrictsSectionTest {

    private static final String HEAD = """
            version: 1
            stores:
              ids: {kind: postgres, prod: {url: u}, cert: {url: u}}
            tenant: {store: ids, table: public.district, key: [code]}
            """;

    private static final String SECTION = """
            districts:
              counts:
                students: {table: ids.public.person, where: "kind = 'student'"}
                schools: {table: ids.public.school}
              priority: [district-002]
              rowsPerSecond: 20000
            """;

    private static List<String> errors(String text) {
        SpecException e = catchThrowableOfType(SpecException.class, () -> Specs.parse(HEAD + text));
        assertThat(e).as("expected spec errors").isNotNull();
        return e.errors().stream().map(SpecError::toString).toList();
    }

    @Test
    void aFullSectionParses() {
        Districts districts = Specs.parse(HEAD + SECTION).districts();

        assertThat(districts.counts()).containsExactly(
                Map.entry("students", new Districts.Count(new TableId("ids", "public", "person"), "kind = 'student'")),
                Map.entry("schools", new Districts.Count(new TableId("ids", "public", "school"), null)));
        assertThat(districts.priority()).containsExactly("district-002");
        assertThat(districts.rowsPerSecond()).isEqualTo(20000L);
    }

    @Test
    void noSectionIsNone() {
        assertThat(Specs.parse(HEAD).districts()).isEqualTo(Districts.NONE);
    }

    @Test
    void aCountNameIsStudentsStaffOrSchools() {
        assertThat(errors(SECTION.replace("    schools:", "    teachers:"))).containsExactly(
                "ferry.yaml:8:5: districts.counts.teachers: unknown key 'teachers'; known keys: students, staff, schools");
    }

    @Test
    void aCountTakesTableAndWhereOnly() {
        assertThat(errors(SECTION.replace("where:", "filter:"))).containsExactly(
                "ferry.yaml:7:42: districts.counts.students.filter: unknown key 'filter'; known keys: table, where");
    }

    @Test
    void aCountNamesItsTable() {
        assertThat(errors(SECTION.replace("{table: ids.public.school}", "{where: \"true\"}"))).containsExactly(
                "ferry.yaml:8:14: districts.counts.schools.table: missing required key 'table'");
        assertThat(errors(SECTION.replace("{table: ids.public.school}", "{table: school}"))).containsExactly(
                "ferry.yaml:8:22: districts.counts.schools.table: 'school' is not store.schema.table (e.g. ids.public.person)");
    }

    @Test
    void wrongTypesSayWhatWasExpected() {
        assertThat(errors(SECTION.replace("[district-002]", "district-002").replace("20000", "fast"))).containsExactly(
                "ferry.yaml:9:13: districts.priority: expected a list, found a text value",
                "ferry.yaml:10:18: districts.rowsPerSecond: expected a whole number, found a text value");
        assertThat(errors("districts: [district-002]\n")).containsExactly(
                "ferry.yaml:5:12: districts: expected a mapping with keys counts, priority, rowsPerSecond, found a list");
    }

    @Test
    void theCopyRateIsPositive() {
        assertThat(errors(SECTION.replace("20000", "0"))).containsExactly(
                "ferry.yaml:10:18: districts.rowsPerSecond: a copy rate is at least 1 row per second; e.g. rowsPerSecond: 20000");
    }

    @Test
    void anUnknownKeyInTheSectionNamesTheClosest() {
        assertThat(errors(SECTION.replace("rowsPerSecond", "rowsPerSec"))).containsExactly(
                "ferry.yaml:10:3: districts.rowsPerSec: unknown key 'rowsPerSec'; did you mean 'rowsPerSecond'?");
    }
}
