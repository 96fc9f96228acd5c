package io.ferry.spec.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ferry.schema.model.TableId;
import io.ferry.spec.SpecError;
import io.ferry.spec.SpecException;
import io.ferry.spec.SpecHash;
import io.ferry.spec.Specs;
import io.ferry.spec.model.Load;
import io.ferry.spec.model.TriggerMode;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** {@code load.triggers}: one mode for every table's fix-ups, or a mode per table with a default. */
class LoadTriggersTest {

    private static final String HEAD = """
            version: 1
            stores:
              ids: {kind: postgres, prod: {url: u}, cert: {url: u}}
            tenant: {store: ids, table: public.district, key: [code]}
            """;

    private static final TableId SCHOOL = new TableId("ids", "public", "school");
    private static final TableId PERSON = new TableId("ids", "public", "person");

    private static List<String> errors(String text) {
        SpecException e = catchThrowableOfType(SpecException.class, () -> Specs.parse(HEAD + text));
        assertThat(e).as("expected spec errors").isNotNull();
        return e.errors().stream().map(SpecError::toString).toList();
    }

    @Test
    void oneWordIsEveryTablesMode() {
        Load load = Specs.parse(HEAD + "load: {triggers: fire}\n").load();
        assertThat(load.triggers(SCHOOL)).isEqualTo(TriggerMode.FIRE);
        assertThat(load.tableTriggers()).isEmpty();
        assertThat(Specs.parse(HEAD).load().triggers(SCHOOL)).isEqualTo(TriggerMode.SUPPRESS);
    }

    @Test
    void aMappingGivesTablesTheirOwnModeAndTheRestTheDefault() {
        Load perTable = Specs.parse(HEAD + "load: {triggers: {ids.public.school: fire}}\n").load();
        assertThat(perTable.triggers(SCHOOL)).isEqualTo(TriggerMode.FIRE);
        assertThat(perTable.triggers(PERSON)).isEqualTo(TriggerMode.SUPPRESS);
        assertThat(perTable.tableTriggers()).isEqualTo(Map.of(SCHOOL, TriggerMode.FIRE));

        Load fireButOne = Specs.parse(HEAD + "load: {triggers: {default: fire, ids.public.person: suppress}}\n").load();
        assertThat(fireButOne.triggers(SCHOOL)).isEqualTo(TriggerMode.FIRE);
        assertThat(fireButOne.triggers(PERSON)).isEqualTo(TriggerMode.SUPPRESS);
    }

    @Test
    void perTableModesChangeTheSpecHashAndOneWordKeepsIt() {
        String plain = SpecHash.of(Specs.parse(HEAD + "load: {triggers: suppress}\n"));
        assertThat(SpecHash.of(Specs.parse(HEAD))).isEqualTo(plain);
        assertThat(SpecHash.of(Specs.parse(HEAD + "load: {triggers: {ids.public.school: fire}}\n"))).isNotEqualTo(plain);
    }

    @Test
    void aBadTableOrWordIsNamedWithItsLine() {
        assertThat(errors("load: {triggers: {school: fire}}\n")).singleElement().asString()
                .startsWith("ferry.yaml:5:19: ").contains("'school' is not store.schema.table");
        assertThat(errors("load: {triggers: {ids.public.school: always}}\n")).singleElement().asString()
                .startsWith("ferry.yaml:5:38: ").contains("always").contains("suppress, fire");
        assertThat(errors("load: {triggers: sometimes}\n")).singleElement().asString()
                .startsWith("ferry.yaml:5:18: ").contains("sometimes");
    }
}
