package io.ferry.testkit.postgres;

/** One step of a plain SQL dump, with the line it starts on. */
public sealed interface ScriptStep {

    int line();

    /** An SQL statement without its terminating semicolon. */
    record Sql(String sql, int line) implements ScriptStep {
    }

    /** {@code COPY ... FROM stdin} and the data lines that follow it, up to (not including) {@code \.}. */
    record CopyIn(String sql, String data, int line) implements ScriptStep {
    }

    /** A psql meta-command ({@code \connect}, {@code \restrict}, ...) that a JDBC runner cannot honour. */
    record MetaCommand(String command, int line) implements ScriptStep {
    }
}
