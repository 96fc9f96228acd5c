package io.ferry.testkit.postgres;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Runs a plain SQL dump over JDBC, the way {@code psql -f} would: statements one by one in
 * auto-commit, {@code COPY ... FROM stdin} blocks through PgJDBC's {@link CopyManager}. zonky ships
 * no {@code psql}, so this is how tests load Pagila, Northwind and the sample estate's DDL.
 */
public final class SqlScriptRunner {

    private SqlScriptRunner() {
    }

    /** Runs the script file; meta-commands are skipped and counted. */
    public static Result run(Connection connection, Path script) {
        try {
            return run(connection, Files.readString(script, StandardCharsets.UTF_8), script.getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + script, e);
        }
    }

    public static Result run(Connection connection, String script, String name) {
        List<ScriptStep> steps = SqlScriptParser.parse(script);
        int statements = 0;
        long copiedRows = 0;
        int skipped = 0;
        try {
            connection.setAutoCommit(true);
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            try (Statement st = connection.createStatement()) {
                for (ScriptStep step : steps) {
                    try {
                        switch (step) {
                            case ScriptStep.Sql sql -> {
                                st.execute(sql.sql());
                                statements++;
                            }
                            case ScriptStep.CopyIn in -> copiedRows += copy.copyIn(in.sql(), new StringReader(in.data()));
                            case ScriptStep.MetaCommand meta -> skipped++;
                        }
                    } catch (SQLException | IOException e) {
                        throw new SqlScriptException(name, step.line(), e.getMessage(), e);
                    }
                }
            }
        } catch (SQLException e) {
            throw new SqlScriptException(name, 0, e.getMessage(), e);
        }
        return new Result(statements, copiedRows, skipped);
    }

    /** What a script did: statements executed, rows copied in, meta-commands skipped. */
    public record Result(int statements, long copiedRows, int skippedMetaCommands) {
    }

    /** A statement of a script failed: names the script and the line the statement starts on. */
    public static final class SqlScriptException extends RuntimeException {
        public SqlScriptException(String script, int line, String reason, Throwable cause) {
            super(script + ":" + line + ": " + reason, cause);
        }
    }
}
