package io.ferry.testkit.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits a plain SQL dump (what {@code pg_dump} or a hand-written script produces for {@code psql -f})
 * into statements, {@code COPY ... FROM stdin} blocks and psql meta-commands. Understands quoted
 * strings and identifiers, {@code E''} escapes, dollar quoting and both comment forms, so a
 * semicolon inside any of them does not end a statement.
 */
public final class SqlScriptParser {

    private static final Pattern COPY_FROM_STDIN = Pattern.compile(
            "(?is)^\\s*COPY\\s.+\\sFROM\\s+stdin\\b.*");

    private final String text;
    private int pos;
    private int line = 1;

    private SqlScriptParser(String text) {
        this.text = text;
    }

    public static List<ScriptStep> parse(String text) {
        return new SqlScriptParser(text).steps();
    }

    private List<ScriptStep> steps() {
        List<ScriptStep> steps = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        int startLine = 0; // 0 while the statement holds nothing but whitespace and comments
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (startLine == 0 && c == '\\' && atLineStart()) {
                int at = line;
                steps.add(new ScriptStep.MetaCommand(readLine().trim(), at));
                continue;
            }
            if (c == '-' && peek(1) == '-') {
                skipLineComment();
                continue;
            }
            if (c == '/' && peek(1) == '*') {
                skipBlockComment();
                if (startLine != 0) {
                    sql.append(' ');
                }
                continue;
            }
            if (startLine == 0) {
                if (Character.isWhitespace(c)) {
                    advance();
                    continue;
                }
                startLine = line;
            }
            if (c == ';') {
                pos++;
                String statement = sql.toString().trim();
                if (!statement.isEmpty()) {
                    steps.add(toStep(statement, startLine));
                }
                sql.setLength(0);
                startLine = 0;
                continue;
            }
            if (c == '\'') {
                boolean escapes = pos > 0 && (text.charAt(pos - 1) == 'E' || text.charAt(pos - 1) == 'e')
                        && (pos < 2 || !isIdentifierPart(text.charAt(pos - 2)));
                sql.append(readQuoted('\'', escapes));
                continue;
            }
            if (c == '"') {
                sql.append(readQuoted('"', false));
                continue;
            }
            if (c == '$') {
                String tag = dollarTag();
                if (tag != null) {
                    sql.append(readDollarQuoted(tag));
                    continue;
                }
            }
            advance();
            sql.append(c);
        }
        String rest = sql.toString().trim();
        if (!rest.isEmpty()) {
            steps.add(toStep(rest, startLine));
        }
        return steps;
    }

    private ScriptStep toStep(String statement, int startLine) {
        if (COPY_FROM_STDIN.matcher(statement).matches()) {
            skipToNextLine();
            return new ScriptStep.CopyIn(statement, readCopyData(startLine), startLine);
        }
        return new ScriptStep.Sql(statement, startLine);
    }

    /** Data lines up to a line holding only {@code \.}; the rest of the statement's line is ignored. */
    private String readCopyData(int startLine) {
        StringBuilder data = new StringBuilder();
        while (pos < text.length()) {
            String row = readLine();
            if (row.equals("\\.")) {
                return data.toString();
            }
            data.append(row).append('\n');
        }
        throw new IllegalArgumentException("COPY block starting on line " + startLine + " has no closing \\. line");
    }

    private boolean atLineStart() {
        return pos == 0 || text.charAt(pos - 1) == '\n';
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

    private String readLine() {
        int end = text.indexOf('\n', pos);
        if (end < 0) {
            end = text.length();
        }
        String row = text.substring(pos, end);
        if (row.endsWith("\r")) {
            row = row.substring(0, row.length() - 1);
        }
        pos = Math.min(end + 1, text.length());
        line++;
        return row;
    }

    private void skipToNextLine() {
        while (pos < text.length() && text.charAt(pos) != '\n') {
            pos++;
        }
        if (pos < text.length()) {
            advance();
        }
    }

    private void skipLineComment() {
        while (pos < text.length() && text.charAt(pos) != '\n') {
            pos++;
        }
    }

    private void skipBlockComment() {
        int depth = 0;
        int start = line;
        while (pos < text.length()) {
            if (text.charAt(pos) == '/' && peek(1) == '*') {
                depth++;
                pos += 2;
            } else if (text.charAt(pos) == '*' && peek(1) == '/') {
                depth--;
                pos += 2;
                if (depth == 0) {
                    return;
                }
            } else {
                advance();
            }
        }
        throw new IllegalArgumentException("comment starting on line " + start + " is not closed");
    }

    private String readQuoted(char quote, boolean backslashEscapes) {
        int start = pos;
        int startLine = line;
        advance();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (backslashEscapes && c == '\\' && pos + 1 < text.length()) {
                advance();
                advance();
                continue;
            }
            advance();
            if (c == quote) {
                if (pos < text.length() && text.charAt(pos) == quote) {
                    advance();
                    continue;
                }
                return text.substring(start, pos);
            }
        }
        throw new IllegalArgumentException("quoted text starting on line " + startLine + " is not closed");
    }

    /** The {@code $tag$} starting at pos, or null where the dollar sign is not a quote (e.g. {@code $1}). */
    private String dollarTag() {
        if (pos > 0 && isIdentifierPart(text.charAt(pos - 1))) {
            return null;
        }
        int i = pos + 1;
        while (i < text.length() && isIdentifierPart(text.charAt(i))) {
            i++;
        }
        if (i >= text.length() || text.charAt(i) != '$') {
            return null;
        }
        String tag = text.substring(pos, i + 1);
        return tag.length() > 2 && Character.isDigit(tag.charAt(1)) ? null : tag;
    }

    private String readDollarQuoted(String tag) {
        int start = pos;
        int startLine = line;
        int end = text.indexOf(tag, pos + tag.length());
        if (end < 0) {
            throw new IllegalArgumentException("dollar-quoted text " + tag + " starting on line " + startLine
                    + " is not closed");
        }
        while (pos < end + tag.length()) {
            advance();
        }
        return text.substring(start, pos);
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
