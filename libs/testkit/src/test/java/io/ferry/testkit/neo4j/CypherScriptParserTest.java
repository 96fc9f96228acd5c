package io.ferry.testkit.neo4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.testkit.neo4j.CypherStep.ClientCommand;
import io.ferry.testkit.neo4j.CypherStep.Statement;
import org.junit.jupiter.api.Test;

class CypherScriptParserTest {

    @Test
    void semicolonsInStringsNamesAndCommentsDoNotEndAStatement() {
        var steps = CypherScriptParser.parse("""
                // header; not a statement
                CREATE (:`odd;label` {s: 'a;b', t: "c\\";d", u: 'it\\'s;', v: `x``;y`}); /* block;
                comment */ MATCH (n) RETURN n // trailing; comment
                ;
                LOAD CSV WITH HEADERS FROM "file:///products.csv" AS row RETURN row
                """);

        assertThat(steps).containsExactly(
                new Statement("CREATE (:`odd;label` {s: 'a;b', t: \"c\\\";d\", u: 'it\\'s;', v: `x``;y`})", 1, 2),
                new Statement("MATCH (n) RETURN n", 2, 3),
                new Statement("LOAD CSV WITH HEADERS FROM \"file:///products.csv\" AS row RETURN row", 3, 5));
    }

    @Test
    void clientCommandsTakeTheirLineWhereAStatementWouldStart() {
        var steps = CypherScriptParser.parse("""
                :param limit => 10
                :begin
                MATCH (n)
                WHERE n.x = ':not a command'
                RETURN n LIMIT $limit;
                :commit;
                RETURN 1; :use system
                """);

        assertThat(steps).containsExactly(
                new ClientCommand(":param limit => 10", 1),
                new ClientCommand(":begin", 2),
                new Statement("MATCH (n)\nWHERE n.x = ':not a command'\nRETURN n LIMIT $limit", 1, 3),
                new ClientCommand(":commit", 6),
                new Statement("RETURN 1", 2, 7),
                new ClientCommand(":use system", 7));
    }

    @Test
    void unclosedStringsAndCommentsNameTheirLine() {
        assertThatThrownBy(() -> CypherScriptParser.parse("RETURN 1;\nRETURN 'open;\n"))
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> CypherScriptParser.parse("\n\n/* open"))
                .hasMessageContaining("line 3");
    }
}
