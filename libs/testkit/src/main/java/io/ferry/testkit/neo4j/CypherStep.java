package io.ferry.testkit.neo4j;

/** One step of a Cypher script, with the line it starts on. */
public sealed interface CypherStep {

    int line();

    /** A Cypher statement without its terminating semicolon; {@code number} counts statements from 1. */
    record Statement(String cypher, int number, int line) implements CypherStep {
    }

    /** A client command of cypher-shell or Neo4j Browser ({@code :param}, {@code :begin}, ...), one line. */
    record ClientCommand(String command, int line) implements CypherStep {
    }
}
