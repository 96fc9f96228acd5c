package io.ferry.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.TransientException;

/** SQL states and Neo4j errors as reasons, and messages that name the step and the state, never the database's text. */
class ProdReadExceptionTest {

    private static ProdReadException sql(String state) {
        return ProdReadException.of("sampling ids.public.person", new SQLException("value 'Thea' is bad", state));
    }

    @Test
    void sqlStatesSayWhetherToRetry() {
        assertThat(sql("08006").reason()).isEqualTo(ProdReadException.Reason.UNREACHABLE);
        assertThat(sql("57P01").reason()).isEqualTo(ProdReadException.Reason.UNREACHABLE);
        assertThat(sql("40001").reason()).isEqualTo(ProdReadException.Reason.CONFLICT);
        assertThat(sql("57014").reason()).isEqualTo(ProdReadException.Reason.CONFLICT);
        assertThat(sql("42501").reason()).isEqualTo(ProdReadException.Reason.REFUSED);
        assertThat(sql("42501").getMessage()).isEqualTo("sampling ids.public.person failed (SQL state 42501); the PROD"
                + " user needs SELECT on it");
        assertThat(sql("22P02").reason()).isEqualTo(ProdReadException.Reason.FAILED);
        assertThat(sql(null).getMessage()).isEqualTo("sampling ids.public.person failed (SQL state unknown)");
        assertThat(sql("22P02").getMessage()).doesNotContain("Thea");
        assertThat(sql("22P02").getCause()).isNull();
    }

    @Test
    void neo4jErrorsToo() {
        assertThat(ProdReadException.of("sampling sp:Person", new ServiceUnavailableException("down")).reason())
                .isEqualTo(ProdReadException.Reason.UNREACHABLE);
        assertThat(ProdReadException.of("sampling sp:Person", new TransientException("Neo.TransientError.General.X",
                "busy")).reason()).isEqualTo(ProdReadException.Reason.CONFLICT);
        ProdReadException denied = ProdReadException.of("sampling sp:Person",
                new ClientException("Neo.ClientError.Security.Forbidden", "no 'Thea'"));
        assertThat(denied.reason()).isEqualTo(ProdReadException.Reason.REFUSED);
        assertThat(denied.getMessage()).isEqualTo("sampling sp:Person failed (Neo.ClientError.Security.Forbidden)");
        assertThat(ProdReadException.of("sampling sp:Person", new ClientException("Neo.ClientError.Statement.SyntaxError",
                "near 'Thea'")).reason()).isEqualTo(ProdReadException.Reason.FAILED);
    }
}
