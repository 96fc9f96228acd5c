package io.ferry.testkit.neo4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.testkit.SharedServers;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;

class CypherScriptRunnerIT {

    private final Driver driver = SharedServers.neo4j().driver();

    @Test
    void honoursParametersAndExplicitTransactions() {
        CypherScriptRunner.Result result = CypherScriptRunner.run(driver, """
                :param city => 'Lyon'
                :param {count: 2, tag: 'runner-it'}
                :use neo4j
                UNWIND range(1, $count) AS i CREATE (:RunnerIt {tag: $tag, city: $city, i: i});
                :begin
                CREATE (:RunnerIt {tag: $tag, city: 'rolled back'});
                :rollback
                :begin
                MATCH (a:RunnerIt {i: 1}), (b:RunnerIt {i: 2}) CREATE (a)-[:NEXT]->(b);
                :commit
                """, "params.cypher");

        assertThat(result).isEqualTo(new CypherScriptRunner.Result(3, 1, 3, 1));
        long nodes = driver.executableQuery("MATCH (n:RunnerIt {tag: 'runner-it', city: 'Lyon'}) RETURN count(n) AS n")
                .execute().records().getFirst().get("n").asLong();
        long rolledBack = driver.executableQuery("MATCH (n:RunnerIt {city: 'rolled back'}) RETURN count(n) AS n")
                .execute().records().getFirst().get("n").asLong();
        assertThat(nodes).isEqualTo(2);
        assertThat(rolledBack).isZero();
    }

    @Test
    void namesTheStatementAndLineThatFailedAndRollsBackAnOpenTransaction() {
        assertThatThrownBy(() -> CypherScriptRunner.run(driver, """
                RETURN 1;
                :begin
                CREATE (:RunnerItFailed);
                RETURN nonsense(;
                """, "broken.cypher"))
                .isInstanceOf(CypherScriptRunner.CypherScriptException.class)
                .hasMessageStartingWith("broken.cypher: statement 3 (line 4): ");
        long left = driver.executableQuery("MATCH (n:RunnerItFailed) RETURN count(n) AS n")
                .execute().records().getFirst().get("n").asLong();
        assertThat(left).isZero();
    }
}
