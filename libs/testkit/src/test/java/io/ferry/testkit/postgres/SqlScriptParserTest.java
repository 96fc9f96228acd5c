package io.ferry.testkit.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.testkit.postgres.ScriptStep.CopyIn;
import io.ferry.testkit.postgres.ScriptStep.MetaCommand;
import io.ferry.testkit.postgres.ScriptStep.Sql;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlScriptParserTest {

    @Test
    void semicolonsInsideQuotesAndIdentifiersDoNotEndAStatement() {
        List<ScriptStep> steps = SqlScriptParser.parse("""
                INSERT INTO t VALUES ('a;b', 'it''s; fine');
                CREATE TABLE "odd;name" (x int);
                """);

        assertThat(steps).containsExactly(
                new Sql("INSERT INTO t VALUES ('a;b', 'it''s; fine')", 1),
                new Sql("CREATE TABLE \"odd;name\" (x int)", 2));
    }

    @Test
    void dollarQuotesWithAndWithoutTagsKeepTheirBodies() {
        String function = """
                CREATE FUNCTION f() RETURNS text LANGUAGE plpgsql AS $_$
                BEGIN
                  RETURN $body$ ; $x$ $body$ || $1;
                END
                $_$""";
        List<ScriptStep> steps = SqlScriptParser.parse(function + ";\nDO $$ BEGIN PERFORM 1; END $$;\nSELECT $1, a$b$c FROM x;");

        assertThat(steps).containsExactly(
                new Sql(function, 1),
                new Sql("DO $$ BEGIN PERFORM 1; END $$", 6),
                new Sql("SELECT $1, a$b$c FROM x", 7));
    }

    @Test
    void backslashEscapesCountOnlyInEStrings() {
        List<ScriptStep> steps = SqlScriptParser.parse("""
                SELECT E'it\\'s; \\\\', e'\\';';
                SELECT 'C:\\dir\\';
                """);

        assertThat(steps).extracting(ScriptStep::line).containsExactly(1, 2);
        assertThat(steps.get(0)).isEqualTo(new Sql("SELECT E'it\\'s; \\\\', e'\\';'", 1));
        assertThat(steps.get(1)).isEqualTo(new Sql("SELECT 'C:\\dir\\'", 2));
    }

    @Test
    void commentsAreDroppedAndTheirSemicolonsIgnored() {
        List<ScriptStep> steps = SqlScriptParser.parse("""
                -- header; not a statement
                /* block; /* nested; */ still comment; */
                SELECT 1 -- trailing; comment
                  + 2;
                SELECT /* inline; */ 3;
                """);

        assertThat(steps).containsExactly(
                new Sql("SELECT 1 \n  + 2", 3),
                new Sql("SELECT   3", 5));
    }

    @Test
    void copyFromStdinCarriesItsDataLinesUpToTheTerminator() {
        List<ScriptStep> steps = SqlScriptParser.parse("""
                COPY public.actor (actor_id, first_name) FROM stdin;
                1\tPENELOPE
                2\tit's; -- not SQL
                \\.
                SELECT setval('s', 2);
                """);

        assertThat(steps).containsExactly(
                new CopyIn("COPY public.actor (actor_id, first_name) FROM stdin", "1\tPENELOPE\n2\tit's; -- not SQL\n", 1),
                new Sql("SELECT setval('s', 2)", 5));
    }

    @Test
    void psqlMetaCommandsAreStepsOfTheirOwn() {
        List<ScriptStep> steps = SqlScriptParser.parse("""
                \\restrict abc123
                SET search_path = '';
                \\connect other
                SELECT 1;
                \\unrestrict abc123
                """);

        assertThat(steps).containsExactly(
                new MetaCommand("\\restrict abc123", 1),
                new Sql("SET search_path = ''", 2),
                new MetaCommand("\\connect other", 3),
                new Sql("SELECT 1", 4),
                new MetaCommand("\\unrestrict abc123", 5));
    }

    @Test
    void aLastStatementWithoutSemicolonIsKept() {
        assertThat(SqlScriptParser.parse("SELECT 1;\n\nSELECT 2\n"))
                .containsExactly(new Sql("SELECT 1", 1), new Sql("SELECT 2", 3));
    }

    @Test
    void unclosedQuotesAndCopyBlocksNameTheirLine() {
        assertThatThrownBy(() -> SqlScriptParser.parse("SELECT 1;\nSELECT 'open;\n"))
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> SqlScriptParser.parse("\nCOPY t FROM stdin;\n1\n"))
                .hasMessageContaining("line 2");
    }
}
