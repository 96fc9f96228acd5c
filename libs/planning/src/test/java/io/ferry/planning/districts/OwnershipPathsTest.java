package io.ferry.planning.districts;

import static io.ferry.planning.districts.Schemas.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.spec.model.EdgePolicy;
import io.ferry.spec.model.TableMode;
import io.ferry.spec.model.TableRule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OwnershipPathsTest {

    @Test
    void eachTableTakesItsFirstDownwardPathBreadthFirstAcrossStores() {
        var paths = OwnershipPaths.of(estate(), spec(null));
        assertThat(paths.keySet()).containsExactly(DISTRICT, SCHOOL, PERSON, COURSE);
        assertThat(paths.get(DISTRICT)).isEmpty();
        assertThat(paths.get(PERSON)).as("the direct reference is nearer than the one via school")
                .containsExactly(PERSON_DISTRICT);
        assertThat(paths.get(COURSE)).containsExactly(COURSE_SCHOOL, SCHOOL_DISTRICT);
    }

    @Test
    void referencesTheClosureDoesNotDescendAreNoOwnershipPath() {
        var paths = OwnershipPaths.of(estate(), spec(closure(
                Map.of(ref(PERSON, "district_id"), EdgePolicy.PARENTS_ONLY),
                Map.of(ref(COURSE), new TableRule(TableMode.COPY_ALL, null, null, List.of())))));
        assertThat(paths.get(PERSON)).containsExactly(PERSON_SCHOOL, SCHOOL_DISTRICT);
        assertThat(paths).doesNotContainKey(COURSE);
    }

    @Test
    void theSpecsOwnerPathWins() {
        var paths = OwnershipPaths.of(estate(), spec(closure(Map.of(), Map.of(ref(PERSON),
                new TableRule(null, null, null, List.of(ref(PERSON, "school_id"), ref(SCHOOL, "district_id")))))));
        assertThat(paths.get(PERSON)).containsExactly(PERSON_SCHOOL, SCHOOL_DISTRICT);
    }

    @Test
    void anOwnerPathThroughAnUnknownReferenceIsNamed() {
        assertThatThrownBy(() -> OwnershipPaths.of(estate(), spec(closure(Map.of(), Map.of(ref(PERSON),
                new TableRule(null, null, null, List.of(ref(PERSON, "nope"))))))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ids.public.person(nope)");
    }
}
