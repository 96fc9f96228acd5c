package io.ferry.batches;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ColumnEncodingTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "smallint | SMALLINT", "integer | INTEGER", "bigint | BIGINT", "real | REAL",
            "double precision | DOUBLE", "boolean | BOOLEAN", "text | STRING", "character varying | STRING",
            "character varying(40) | STRING", "name | STRING", "\"char\" | STRING", "bytea | BYTEA", "date | DATE",
            "timestamp without time zone | TIMESTAMP", "timestamp(3) without time zone | TIMESTAMP",
            "timestamp with time zone | TIMESTAMPTZ", "timestamp(0) with time zone | TIMESTAMPTZ", "uuid | UUID",
            "numeric(10,2) | DECIMAL", "numeric(38,10) | DECIMAL", "numeric(1,0) | DECIMAL", "numeric(5,5) | DECIMAL",
            "numeric(7) | DECIMAL",
            // everything else is text
            "numeric | TEXT", "numeric(39,2) | TEXT", "numeric(1000,0) | TEXT", "numeric(2,-3) | TEXT",
            "numeric(3,5) | TEXT", "character(5) | TEXT", "bpchar | TEXT", "time without time zone | TEXT",
            "time(3) with time zone | TEXT", "interval | TEXT", "interval year to month | TEXT", "text[] | TEXT",
            "integer[] | TEXT", "json | TEXT", "jsonb | TEXT", "mpaa_rating | TEXT", "public.mpaa_rating | TEXT",
            "\"Integer\" | TEXT", "myschema.integer | TEXT", "tsvector | TEXT", "tstzrange | TEXT", "money | TEXT",
            "inet | TEXT", "xml | TEXT", "citext | TEXT", "bit(8) | TEXT", "oid | TEXT", "point | TEXT",
            "character varying(40)[] | TEXT", "timestamp(3) without time zone[] | TEXT"})
    void mapsFormatTypeToAnEncoding(String pgType, ColumnEncoding encoding) {
        assertThat(ColumnEncoding.of(pgType)).isEqualTo(encoding);
    }
}
