package io.ferry.classify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PgFieldsTest {

    @Test
    void ruleJsonPathsBecomePostgresTextArrays() {
        assertThat(PgFields.textArray(new String[] {"actor", "email"})).isEqualTo("'{\"actor\",\"email\"}'::text[]");
        assertThat(PgFields.textArray(new String[] {"it's", "a\"b"})).isEqualTo("'{\"it''s\",\"a\\\"b\"}'::text[]");
    }
}
