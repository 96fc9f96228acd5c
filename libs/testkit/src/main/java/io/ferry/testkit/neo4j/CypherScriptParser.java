package io.ferry.testkit.neo4j;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a Cypher script (what {@code cypher-shell -f} runs) into statements and client commands.
 * A semicolon ends a statement unless it sits in a string, a backticked name or a comment
 * ({@code //} or {@code /* *}{@code /}); a line that starts with {@code :} where a statement would
 * start is a client command.
 */
public final class CypherScriptParser {

    private final String text;
    private int pos;
    private int line = 1;

    private CypherScriptParser(String text) {
        this.text = text;
    }

    public static List<CypherStep> parse(String text) {
        return new CypherScriptParser(text).steps();
    }

    private List<CypherStep> steps() {
        List<CypherStep> steps = new ArrayList<>();
        StringBuilder cypher = new StringBuilder();
        int startLine = 0; // 0 while the statement holds nothing but whitespace and comments
        int number = 0;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '/' && peek(1) == '/') {
                skipLineComment();
                continue;
            }
            if (c == '/' && peek(1) == '*') {
                skipBlockComment();
                if (startLine != 0) {
                    cypher.append(' ');
                }
                continue;
            }
            if (startLine == 0) {
                if (Character.isWhitespace(c)) {
                    advance();
                    continue;
                }
                if (c == ':') {
                    steps.add(new CypherStep.ClientCommand(readCommand(), line));
                    continue;
                }
                startLine = line;
            }
            if (c == ';') {
                pos++;
                String statement = cypher.toString().trim();
                if (!statement.isEmpty()) {
                    steps.add(new CypherStep.Statement(statement, ++number, startLine));
                }
                cypher.setLength(0);
                startLine = 0;
                continue;
            }
            if (c == '\'' || c == '"' || c == '`') {
                cypher.append(readQuoted(c));
                continue;
            }
            advance();
            cypher.append(c);
        }
        String rest = cypher.toString().trim();
        if (!rest.isEmpty()) {
            steps.add(new CypherStep.Statement(rest, ++number, startLine));
        }
        return steps;
    }

    /** The rest of the line, without a trailing semicolon; the line counter stays on the command's line. */
    private String readCommand() {
        int end = text.indexOf('\n', pos);
        if (end < 0) {
            end = text.length();
        }
        String command = text.substring(pos, end).strip();
        pos = end;
        return command.endsWith(";") ? command.substring(0, command.length() - 1).strip() : command;
    }

    private char peek(int offset) {
        int i = pos + offset;
        return i < text.length() ? text.charAt(i) : '\0';
    }

    private void advance() {
        if (text.charAt(pos) == '\n') {
            line++;
        }
        pos++;
    }

    private void skipLineComment() {
        while (pos < text.length() && text.charAt(pos) != '\n') {
            pos++;
        }
    }

    private void skipBlockComment() {
        int start = line;
        int end = text.indexOf("*/", pos + 2);
        if (end < 0) {
            throw new IllegalArgumentException("comment starting on line " + start + " is not closed");
        }
        while (pos < end + 2) {
            advance();
        }
    }

    /** Strings escape with a backslash; backticked names escape a backtick by doubling it. */
    private String readQuoted(char quote) {
        int start = pos;
        int startLine = line;
        advance();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (quote != '`' && c == '\\' && pos + 1 < text.length()) {
                advance();
                advance();
                continue;
            }
            advance();
            if (c == quote) {
                if (quote == '`' && pos < text.length() && text.charAt(pos) == '`') {
                    advance();
                    continue;
                }
                return text.substring(start, pos);
            }
        }
        throw new IllegalArgumentException("quoted text starting on line " + startLine + " is not closed");
    }
}
