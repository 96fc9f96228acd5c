package io.ferry.loader.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.schema.model.Column;
import io.ferry.schema.model.Key;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableId;
import io.ferry.schema.model.TableKind;
import io.ferry.spec.model.ConflictStrategy;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyPlanTest {

    private static Column column(String name, String type, Column.Generation generation, String defaultExpression) {
        return new Column(name, 0, type, false, generation, defaultExpression);
    }

    private static Column plain(String name, String type) {
        return column(name, type, Column.Generation.NONE, null);
    }

    private static Table table(String name, List<Column> columns, Key primary, List<Key> unique) {
        return new Table(TableId.parse("s.public." + name), TableKind.TABLE, columns, primary, unique, List.of(), List.of(),
                0, 0);
    }

    @Test
    void remapTakesTheSingleIntegerKeyOrTheSequencedColumnOfACompositeKey() {
        Table person = table("person", List.of(plain("id", "bigint")), new Key("person_pkey", List.of("id"), true), List.of());
        assertThat(KeyPlan.of(person, ConflictStrategy.REMAP).mapColumn()).isEqualTo("id");

        Table payment = table("payment", List.of(column("payment_id", "integer", Column.Generation.NONE,
                "nextval('payment_payment_id_seq'::regclass)"), plain("payment_date", "timestamp with time zone")),
                new Key("payment_pkey", List.of("payment_date", "payment_id"), true), List.of());
        KeyPlan plan = KeyPlan.of(payment, ConflictStrategy.REMAP);
        assertThat(plan.mapColumn()).isEqualTo("payment_id");
        assertThat(plan.conflictOn()).isEmpty();
    }

    @Test
    void remapRefusesKeysItCannotDrawFreshValuesFor() {
        Table coded = table("grade", List.of(plain("code", "varchar(2)")), new Key("grade_pkey", List.of("code"), true),
                List.of());
        assertThatThrownBy(() -> KeyPlan.of(coded, ConflictStrategy.REMAP)).isInstanceOf(LoadRefusedException.class)
                .hasMessage("store s (cert): s.public.grade loads with remap but its key column code is varchar(2); remap"
                        + " draws fresh integer keys, use skip or insert for other keys");
        Table pair = table("pair", List.of(plain("a", "bigint"), plain("b", "bigint")),
                new Key("pair_pkey", List.of("a", "b"), true), List.of());
        assertThatThrownBy(() -> KeyPlan.of(pair, ConflictStrategy.REMAP)).hasMessageContaining(
                "its primary key [a, b] has no single column a sequence fills");
        Table keyless = table("log", List.of(plain("line", "text")), null, List.of());
        assertThatThrownBy(() -> KeyPlan.of(keyless, ConflictStrategy.REMAP)).hasMessageContaining("has no primary key");
        assertThatThrownBy(() -> KeyPlan.of(keyless, ConflictStrategy.UPSERT)).hasMessageContaining("has no primary key");
    }

    @Test
    void skipUsesTheFirstUniqueKeyBesidesThePrimaryKeyAndMapsThePrimaryKeyThroughIt() {
        Table lookup = table("subject", List.of(plain("id", "integer"), plain("code", "text")),
                new Key("subject_pkey", List.of("id"), true), List.of(new Key("subject_code_key", List.of("code"), false)));
        KeyPlan plan = KeyPlan.of(lookup, ConflictStrategy.SKIP);
        assertThat(plan.conflictOn()).containsExactly("code");
        assertThat(plan.mapColumn()).isEqualTo("id");

        Table natural = table("grade", List.of(plain("code", "varchar(2)")), new Key("grade_pkey", List.of("code"), true),
                List.of());
        assertThat(KeyPlan.of(natural, ConflictStrategy.SKIP).conflictOn()).containsExactly("code");
        assertThat(KeyPlan.of(natural, ConflictStrategy.SKIP).mapColumn()).isNull();
        assertThatThrownBy(() -> KeyPlan.of(table("log", List.of(plain("line", "text")), null, List.of()),
                ConflictStrategy.SKIP)).hasMessageContaining("has neither a primary nor a unique key");
    }
}
