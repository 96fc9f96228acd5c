package io.ferry.testkit.neo4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.Transaction;
import org.neo4j.driver.Value;
import org.neo4j.driver.exceptions.Neo4jException;
import org.neo4j.driver.summary.SummaryCounters;

/**
 * Runs a Cypher script through the driver the way {@code cypher-shell -f} would: each statement in
 * its own auto-commit transaction (so {@code LOAD CSV} and {@code CALL ... IN TRANSACTIONS} work),
 * or in the explicit transaction a {@code :begin} opened. {@code LOAD CSV FROM 'file:///x.csv'} reads
 * from the import folder the server was started with.
 *
 * <p>Client commands honoured: {@code :begin}, {@code :commit}, {@code :rollback}, {@code :param}
 * ({@code name => expression}, {@code {map}} or the older {@code name: expression}) and
 * {@code :params clear}. Others ({@code :use}, {@code :source}, {@code :help} ...) are skipped and counted.
 */
public final class CypherScriptRunner {

    private static final Pattern PARAM_ARROW = Pattern.compile("(?s):param\\s+(`[^`]+`|\\w+)\\s*=>\\s*(.+)");
    private static final Pattern PARAM_COLON = Pattern.compile("(?s):param\\s+(`[^`]+`|\\w+)\\s*:\\s*(.+)");
    private static final Pattern PARAM_MAP = Pattern.compile("(?s):params?\\s+(\\{.*})");

    private final String name;
    private final Session session;
    private final Map<String, Object> params = new HashMap<>();
    private Transaction transaction;
    private int transactionLine;
    private int statements;
    private int skipped;
    private long nodesCreated;
    private long relationshipsCreated;

    private CypherScriptRunner(String name, Session session) {
        this.name = name;
        this.session = session;
    }

    /** Runs the script file against the driver's default database. */
    public static Result run(Driver driver, Path script) {
        try {
            return run(driver, Files.readString(script, StandardCharsets.UTF_8), script.getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + script, e);
        }
    }

    public static Result run(Driver driver, String script, String name) {
        List<CypherStep> steps = CypherScriptParser.parse(script);
        try (Session session = driver.session()) {
            return new CypherScriptRunner(name, session).runAll(steps);
        }
    }

    private Result runAll(List<CypherStep> steps) {
        for (CypherStep step : steps) {
            try {
                switch (step) {
                    case CypherStep.Statement s -> runStatement(s);
                    case CypherStep.ClientCommand c -> runCommand(c);
                }
            } catch (Neo4jException | IllegalStateException e) {
                rollbackOpenTransaction();
                throw new CypherScriptException(name + ": " + describe(step) + ": " + e.getMessage(), e);
            }
        }
        if (transaction != null) {
            rollbackOpenTransaction();
            throw new CypherScriptException(name + ": the transaction opened by :begin on line " + transactionLine
                    + " was neither committed nor rolled back; it was rolled back", null);
        }
        return new Result(statements, skipped, nodesCreated, relationshipsCreated);
    }

    private static String describe(CypherStep step) {
        return switch (step) {
            case CypherStep.Statement s -> "statement " + s.number() + " (line " + s.line() + ")";
            case CypherStep.ClientCommand c -> "line " + c.line() + " (" + c.command() + ")";
        };
    }

    private void runStatement(CypherStep.Statement statement) {
        var result = transaction != null
                ? transaction.run(statement.cypher(), params)
                : session.run(statement.cypher(), params);
        SummaryCounters counters = result.consume().counters();
        nodesCreated += counters.nodesCreated();
        relationshipsCreated += counters.relationshipsCreated();
        statements++;
    }

    private void runCommand(CypherStep.ClientCommand command) {
        String text = command.command();
        String keyword = text.split("\\s+", 2)[0].toLowerCase();
        switch (keyword) {
            case ":begin" -> {
                if (transaction != null) {
                    throw new IllegalStateException("a transaction is already open since line " + transactionLine);
                }
                transaction = session.beginTransaction();
                transactionLine = command.line();
            }
            case ":commit" -> endTransaction().commit();
            case ":rollback" -> endTransaction().rollback();
            case ":param", ":params" -> setParameters(text);
            default -> skipped++;
        }
    }

    private void setParameters(String command) {
        Matcher named = PARAM_ARROW.matcher(command);
        if (!named.matches()) {
            named = PARAM_COLON.matcher(command);
        }
        Matcher map = PARAM_MAP.matcher(command);
        if (named.matches()) {
            params.put(unquote(named.group(1)), evaluate(named.group(2)).asObject());
        } else if (map.matches()) {
            params.putAll(evaluate(map.group(1)).asMap());
        } else if (command.replaceAll("\\s+", " ").equalsIgnoreCase(":params clear")) {
            params.clear();
        } else {
            skipped++; // ":params" alone lists them
        }
    }

    private Transaction endTransaction() {
        if (transaction == null) {
            throw new IllegalStateException("no transaction is open");
        }
        Transaction ending = transaction;
        transaction = null;
        return ending;
    }

    /** A parameter's value, computed by the server from the expression and the parameters so far. */
    private Value evaluate(String expression) {
        String query = "RETURN " + expression + " AS value";
        var result = transaction != null ? transaction.run(query, params) : session.run(query, params);
        return result.single().get("value");
    }

    private static String unquote(String name) {
        return name.startsWith("`") ? name.substring(1, name.length() - 1) : name;
    }

    private void rollbackOpenTransaction() {
        if (transaction != null) {
            try {
                transaction.rollback();
            } catch (Neo4jException e) {
                // The failure that brought us here is the one worth reporting.
            }
            transaction = null;
        }
    }

    /** What a script did: statements run, client commands skipped, and what the statements created. */
    public record Result(int statements, int skippedCommands, long nodesCreated, long relationshipsCreated) {
    }

    /** A step of a script failed: names the script, the statement number and its line. */
    public static final class CypherScriptException extends RuntimeException {
        CypherScriptException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
