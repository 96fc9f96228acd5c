package io.ferry.testkit.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SyntheticSchemaTest {

    @Test
    void sameSeedSameDdlAndTheCountsAddUp() {
        SyntheticSchema s = SyntheticSchema.generate(7);
        assertThat(SyntheticSchema.generate(7).ddl()).isEqualTo(s.ddl());
        assertThat(SyntheticSchema.generate(8).ddl()).isNotEqualTo(s.ddl());
        assertThat(count(s.ddl(), "CREATE TABLE ")).isEqualTo(600);
        assertThat(count(s.ddl(), "FOREIGN KEY \\(")).isEqualTo(1200);
        assertThat(count(s.ddl(), "FOREIGN KEY \\(f\\d+_id, ")).isEqualTo(360);
        assertThat(count(s.ddl(), "PRIMARY KEY")).isEqualTo(600 - s.tablesWithoutPrimaryKey());
        assertThat(count(s.ddl(), "DEFERRABLE")).isPositive();
        assertThat(s).extracting(SyntheticSchema::tables, SyntheticSchema::foreignKeys, SyntheticSchema::compositeForeignKeys,
                SyntheticSchema::cycles, SyntheticSchema::selfReferences).containsExactly(600, 1200, 360, 20, 24);
    }

    private static long count(String text, String regex) {
        return Pattern.compile(regex).matcher(text).results().count();
    }
}
