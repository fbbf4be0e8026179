package ai.deeplake.core.sql;

import ai.deeplake.api.TableError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.parser.Token;
import net.sf.jsqlparser.parser.feature.Feature;
import net.sf.jsqlparser.parser.TokenMgrException;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;

/**
 * Turns SQL text into exactly one JSqlParser statement, or a {@link TableError} that says what is
 * wrong and where.
 *
 * <p>Before parsing it looks at the leading keywords (with JSqlParser's own lexer, so comments and
 * whitespace are skipped correctly): DuckDB-only statements such as {@code INSTALL} or {@code ATTACH}
 * do not parse, and "not allowed" is a better answer for them than a syntax error. This screen only
 * improves messages; what may run is decided on the parsed statement by {@link SqlTranslator}.
 */
final class StatementReader {
    /** Statement keywords of DuckDB and PostgreSQL that never reach DuckDB from user SQL. */
    private static final Set<String> REFUSED_LEADING_KEYWORDS = Set.of(
            "ATTACH", "DETACH", "COPY", "INSTALL", "LOAD", "FORCE", "PRAGMA", "SET", "RESET", "EXPORT",
            "IMPORT", "CALL", "CHECKPOINT", "USE", "VACUUM", "ANALYZE", "BEGIN", "START", "COMMIT",
            "ROLLBACK", "ABORT", "END", "SUMMARIZE", "DESCRIBE", "SHOW", "TRUNCATE", "GRANT", "REVOKE",
            "PREPARE", "EXECUTE", "DEALLOCATE", "PIVOT", "UNPIVOT", "COMMENT", "DO", "LISTEN", "NOTIFY");
    /** Words between CREATE/DROP and the kind of object that do not name the object kind. */
    private static final Set<String> OBJECT_MODIFIERS = Set.of(
            "OR", "REPLACE", "TEMP", "TEMPORARY", "UNIQUE", "UNLOGGED", "GLOBAL", "LOCAL", "PERSISTENT");
    private static final Set<String> OBJECT_STATEMENTS = Set.of("CREATE", "DROP", "ALTER");
    /** What CREATE and DROP may make or remove; ALTER only applies to TABLE. */
    private static final Set<String> DDL_OBJECTS = Set.of("TABLE", "INDEX");
    private static final int EXCERPT_WIDTH = 60;
    /**
     * The deepest nesting of parentheses and prefix operators read. JSqlParser parses and writes SQL
     * by recursion, so deeper input can exhaust a thread's stack, and its backtracking over deep
     * parentheses takes seconds; no real query comes near this.
     */
    static final int MAX_NESTING = 200;
    private static final Set<String> PREFIX_OPERATORS = Set.of("NOT", "-", "+", "~", "!");
    /** JavaCC's token kind for the end of the input. */
    private static final int END_OF_INPUT = 0;
    /**
     * JSqlParser parses on an executor so that it can give up on a statement after its timeout. Left to
     * itself it starts a thread per statement, and even a reused thread costs a hand-off that is
     * longer than the parse (measured in a client: ~1.1 ms per top-k search statement against ~0.2 ms).
     * So the parse runs on the caller's thread, and the timeout is kept by the parser's own
     * {@code interrupted} flag, which its loops check, raised by {@link #PARSE_DEADLINES}.
     */
    private static final ExecutorService CALLER_THREAD = new CallerThread();
    private static final ScheduledExecutorService PARSE_DEADLINES = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "deeplake-sql-parse-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    private StatementReader() {
    }

    /**
     * @param sql one SQL statement (a trailing {@code ;} is fine)
     * @return the parsed statement
     * @throws TableError on a refused statement keyword, a syntax error or more than one statement
     */
    static Statement read(String sql) {
        if (sql == null || isEmpty(sql)) {
            throw new TableError("SQL is empty");
        }
        screenLeadingKeywords(sql);
        screenNesting(sql);
        Statements statements = parse(sql);
        if (statements == null || statements.isEmpty()) {
            throw new TableError("SQL is empty");
        }
        if (statements.size() > 1) {
            throw new TableError("Only one SQL statement per query is allowed; found " + statements.size());
        }
        return statements.get(0);
    }

    /** Parses on this thread, stopping the parser (JSqlParser tries twice) when its timeout passes. */
    private static Statements parse(String sql) {
        List<CCJSqlParser> parsers = new ArrayList<>();
        List<ScheduledFuture<?>> deadlines = new ArrayList<>();
        try {
            return CCJSqlParserUtil.parseStatements(sql, CALLER_THREAD, parser -> {
                parsers.add(parser);
                deadlines.add(PARSE_DEADLINES.schedule(() -> {
                    parser.interrupted = true;
                }, parser.getAsLong(Feature.timeOut), TimeUnit.MILLISECONDS));
            });
        } catch (JSQLParserException e) {
            if (parsers.stream().anyMatch(parser -> parser.interrupted)) {
                throw new TableError("SQL parsing took longer than " + parsers.get(0).getAsLong(Feature.timeOut)
                        + " ms and was stopped; simplify the statement", e);
            }
            throw syntaxError(sql, e);
        } finally {
            deadlines.forEach(deadline -> deadline.cancel(false));
        }
    }

    /** Runs each task at once, on the thread that submits it. */
    private static final class CallerThread extends AbstractExecutorService {
        @Override
        public void execute(Runnable task) {
            task.run();
        }

        @Override
        public void shutdown() {
            // Shared and stateless: nothing to shut down.
        }

        @Override
        public List<Runnable> shutdownNow() {
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return false;
        }

        @Override
        public boolean isTerminated() {
            return false;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return false;
        }
    }

    /**
     * @return the statement's leading words as a user would name it, e.g. {@code "CREATE VIEW"},
     *     {@code "SET"}; used to name a refused statement
     */
    static String leadingWords(String sql) {
        CCJSqlParser lexer = CCJSqlParserUtil.newParser(sql);
        try {
            String first = word(lexer.getToken(1));
            if (!OBJECT_STATEMENTS.contains(first)) {
                return first;
            }
            for (int i = 2; ; i++) {
                String next = word(lexer.getToken(i));
                if (!OBJECT_MODIFIERS.contains(next)) {
                    return next.isEmpty() ? first : first + " " + next;
                }
            }
        } catch (TokenMgrException lexicalError) {
            // Unlexable text: the parser reports it with its position.
            return "";
        }
    }

    /** @return true when the SQL holds nothing but whitespace, comments and semicolons */
    private static boolean isEmpty(String sql) {
        if (sql.isBlank()) {
            // JSqlParser makes no parser at all for blank text.
            return true;
        }
        CCJSqlParser lexer = CCJSqlParserUtil.newParser(sql);
        try {
            for (int i = 1; ; i++) {
                Token token = lexer.getToken(i);
                if (token.kind == END_OF_INPUT) {
                    return true;
                }
                if (!";".equals(token.image)) {
                    return false;
                }
            }
        } catch (TokenMgrException lexicalError) {
            return false;
        }
    }

    /** Refuses SQL nested deeper than {@link #MAX_NESTING} before the parser recurses into it. */
    private static void screenNesting(String sql) {
        CCJSqlParser lexer = CCJSqlParserUtil.newParser(sql);
        int parentheses = 0;
        int prefixRun = 0;
        try {
            for (Token token = lexer.getNextToken(); token.kind != END_OF_INPUT; token = lexer.getNextToken()) {
                String word = word(token);
                parentheses += word.equals("(") ? 1 : word.equals(")") ? -1 : 0;
                prefixRun = PREFIX_OPERATORS.contains(word) ? prefixRun + 1 : 0;
                if (parentheses + prefixRun > MAX_NESTING) {
                    throw new TableError("SQL is too deeply nested: more than " + MAX_NESTING + " levels of parentheses"
                            + " and prefix operators at line " + token.beginLine + ", column " + token.beginColumn);
                }
            }
        } catch (TokenMgrException lexicalError) {
            // Unlexable text: the parser reports it with its position.
        }
    }

    private static void screenLeadingKeywords(String sql) {
        String words = leadingWords(sql);
        String[] parts = words.split(" ", 2);
        boolean refused = REFUSED_LEADING_KEYWORDS.contains(parts[0]);
        if (parts.length == 2) {
            refused = parts[0].equals("ALTER") ? !parts[1].equals("TABLE") : !DDL_OBJECTS.contains(parts[1]);
        }
        if (refused) {
            throw notAllowed(words);
        }
    }

    /** @return the error for a statement kind that user SQL may not run */
    static TableError notAllowed(String statementWords) {
        return new TableError(statementWords + " statements are not allowed: SQL may only query and change"
                + " the workspace's tables (SELECT, WITH, VALUES, INSERT, UPDATE, DELETE, EXPLAIN,"
                + " CREATE/DROP TABLE, ALTER TABLE, CREATE/DROP INDEX)");
    }

    private static String word(Token token) {
        return token == null || token.image == null ? "" : token.image.toUpperCase(Locale.ROOT);
    }

    private static TableError syntaxError(String sql, JSQLParserException failure) {
        ParseException parse = findCause(failure, ParseException.class);
        if (parse == null || parse.currentToken == null || parse.currentToken.next == null) {
            Throwable root = rootCause(failure);
            if (root instanceof StackOverflowError) {
                return new TableError("SQL is too deeply nested or too long to parse (" + sql.length() + " characters)", failure);
            }
            if (root instanceof java.util.concurrent.TimeoutException) {
                return new TableError("SQL parsing gave up: the statement (" + sql.length() + " characters) is too large or"
                        + " too complex", failure);
            }
            String detail = firstLine(root.getMessage());
            return new TableError("SQL syntax error: " + detail, failure);
        }
        Token last = parse.currentToken;
        Token offending = last.next;
        if (";".equals(last.image) && offending.kind != END_OF_INPUT && !";".equals(offending.image)) {
            return new TableError("Only one SQL statement per query is allowed; found another statement at line "
                    + offending.beginLine + ", column " + offending.beginColumn, failure);
        }
        // FILE is a keyword to JSqlParser, so "path FILE" in a column list fails to parse before the
        // type check could say what FILE is.
        if ("FILE".equals(word(offending)) && Set.of("CREATE TABLE", "ALTER TABLE").contains(leadingWords(sql))) {
            return DuckDbTypes.fileIsNotAType();
        }
        String near = offending.image == null || offending.image.isEmpty()
                ? "end of input" : "\"" + offending.image + "\"";
        return new TableError("SQL syntax error at line " + offending.beginLine + ", column "
                + offending.beginColumn + " near " + near + ":\n" + excerpt(sql, offending), failure);
    }

    /** @return the offending line, cut to a window around the error, with a caret under the column */
    private static String excerpt(String sql, Token at) {
        String[] lines = sql.split("\r\n|\r|\n", -1);
        int lineIndex = Math.min(Math.max(at.beginLine, 1), lines.length) - 1;
        // JSqlParser counts a tab as one column; print it as one space so the caret lines up.
        String line = lines[lineIndex].replace('\t', ' ');
        int column = Math.min(Math.max(at.beginColumn, 1), line.length() + 1) - 1;
        int from = Math.max(0, column - EXCERPT_WIDTH / 2);
        int to = Math.min(line.length(), from + EXCERPT_WIDTH);
        String prefix = from > 0 ? "..." : "";
        String suffix = to < line.length() ? "..." : "";
        return "  " + prefix + line.substring(from, to) + suffix + "\n  "
                + " ".repeat(prefix.length() + column - from) + "^";
    }

    private static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "the statement could not be parsed";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
