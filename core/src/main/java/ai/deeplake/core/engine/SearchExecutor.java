package ai.deeplake.core.engine;

import ai.deeplake.core.index.Hits;
import ai.deeplake.core.index.IndexCatalog;
import ai.deeplake.core.index.IndexDefinition;
import ai.deeplake.core.index.IndexKind;
import ai.deeplake.core.sql.SearchPlan;
import ai.deeplake.core.sql.SearchRoute;
import ai.deeplake.core.sql.TextSearch;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Runs a statement that has a {@link SearchPlan} on one connection.
 *
 * <p>A top-k search with an index ({@link SearchRoute}) asks the index for candidate rows, best first,
 * and runs the statement restricted to them ({@code _id IN (...)}): DuckDB applies the {@code WHERE},
 * computes the scores and orders exactly, so the answer only ever holds rows of the table. It first
 * tries the {@code offset + limit} best candidates, then more (x4 each round) while fewer rows than
 * the {@code LIMIT} asks for come back (the filters rejected some, or the index named deleted rows),
 * then more candidates from the index, and finally the exact statement once more than
 * {@link IndexCatalog#MAX_CANDIDATES} would be needed. When the index returned every row it has, the
 * statement runs unrestricted, which is then exact. A vector index is searched as broadly as it
 * measured it needs for the recall bar (on large tables of vectors without structure, more than
 * {@code MAX_CANDIDATES}: of those, the best {@code MAX_CANDIDATES} are the candidates), and not
 * used at all when no affordable breadth does.
 *
 * <p>Hybrid search fuses the two indexes' candidates: the union of the vector and the BM25 best, with
 * exact BM25 scores for all of them, normalised over those that pass the {@code WHERE}.
 *
 * <p>Everything else runs exactly: text searches get every matching row's BM25 score in a temporary
 * table, and vector searches scan the table.
 */
final class SearchExecutor {
    /**
     * The first breadth of a text search: when the statement's filters reject some of the best rows,
     * the index is asked for this many at once (its top-n is exact for any n, and 100 cost little more
     * than 10) rather than growing from the {@code LIMIT} four times at a time.
     */
    private static final int TEXT_CANDIDATES = 100;
    private static final int MAX_CANDIDATES = IndexCatalog.MAX_CANDIDATES;
    private static final int GROWTH = 4;
    private static final String EXPLAIN_KEY = "explain_key";
    private static final String EXPLAIN_VALUE = "explain_value";

    /**
     * Runs SQL with the statement's parameters and what is left of its timeout; the result does not
     * close the executor's connection.
     */
    @FunctionalInterface
    interface Runner {
        /**
         * @param arguments values of the parameters after the statement's own ({@link SearchPlan.Arguments})
         * @param pooled whether the SQL may run on a pooled connection, prepared once: it reads no
         *     temporary table (those live on the executor's connection)
         */
        StatementResult run(String sql, List<Object> arguments, boolean pooled) throws SQLException;
    }

    /** A statement ready to run: SQL, the values of its extra parameters, and where it may run. */
    private record Rendered(String sql, List<Object> arguments, boolean pooled) {
        StatementResult run(Runner runner) throws SQLException {
            return runner.run(sql, arguments, pooled);
        }
    }

    private final IndexCatalog catalog;
    private final DuckDBConnection connection;
    private final Set<Integer> scoreTables = new LinkedHashSet<>();

    /**
     * @param connection the connection the statements run on; the temporary tables of text scores are
     *     made on it and go with it
     */
    SearchExecutor(IndexCatalog catalog, DuckDBConnection connection) {
        this.catalog = catalog;
        this.connection = connection;
    }

    /**
     * @param plan the statement's search plan
     * @param exactSql the exact statement ({@link ai.deeplake.core.sql.Translation#sql()})
     * @param runner runs the statements (on the executor's connection unless pooled)
     * @return the result of the statement that answered, open
     */
    StatementResult run(SearchPlan plan, String exactSql, Runner runner) throws SQLException {
        SearchRoute route = plan.route();
        if (plan.explain()) {
            return explain(plan, exactSql, runner);
        }
        OptionalInt breadth = breadth(route);
        if (breadth.isEmpty()) {
            return exact(plan, exactSql, runner);
        }
        int first = Math.max((int) route.needed(), breadth.getAsInt());
        return route.kind() == SearchRoute.Kind.HYBRID ? hybrid(plan, exactSql, first, runner)
                : ranked(plan, exactSql, first, runner);
    }

    /**
     * @return the candidates to ask the route's index for first; empty when the statement must run
     *     exactly (no route, no vector index, an index that cannot reach the recall bar, or too many rows wanted)
     */
    private OptionalInt breadth(SearchRoute route) {
        if (route == null || route.limit() == 0 || route.needed() > MAX_CANDIDATES) {
            return OptionalInt.empty();
        }
        if (route.kind() == SearchRoute.Kind.TEXT) {
            return OptionalInt.of(TEXT_CANDIDATES);
        }
        if (vectorIndex(route).isEmpty()) {
            return OptionalInt.empty();
        }
        OptionalInt candidates = catalog.vectorCandidates(route.table(), route.vector().column());
        // A hybrid search fetches both indexes' candidates in one statement, by _id: up to MAX_CANDIDATES of each.
        return route.kind() == SearchRoute.Kind.HYBRID && candidates.orElse(0) > MAX_CANDIDATES ? OptionalInt.empty()
                : candidates;
    }

    private StatementResult exact(SearchPlan plan, String exactSql, Runner runner) throws SQLException {
        scoreTexts(plan);
        return runner.run(exactSql, List.of(), false);
    }

    /**
     * Fills the temporary tables the exact statement reads its text searches' scores from, for a caller
     * that runs the exact statement on the executor's connection itself.
     */
    void scoreTexts(SearchPlan plan) throws SQLException {
        for (TextSearch text : plan.texts()) {
            scoreTable(text, true);
        }
    }

    /**
     * A vector or BM25 top-k: growing prefixes of the index's candidates, best first. The index names
     * only the best {@code needed} at first, the rest of a breadth's candidates only once the
     * statement's filters rejected some (each hit named costs a read of the index).
     */
    private StatementResult ranked(SearchPlan plan, String exactSql, int first, Runner runner) throws SQLException {
        SearchRoute route = plan.route();
        int needed = (int) route.needed();
        int tried = 0;
        for (int n = first; ; n = Math.min(n * GROWTH, MAX_CANDIDATES)) {
            int wanted = Math.min(n, MAX_CANDIDATES);
            Hits hits = candidates(route, n, tried == 0 ? Math.min(needed, wanted) : wanted);
            for (int m = Math.max(needed, tried * GROWTH); ; m *= GROWTH) {
                if (m > hits.size() && hits.size() < wanted && !hits.complete()) {
                    hits = candidates(route, n, wanted);
                }
                if (hits.complete()) {
                    return render(plan, null, hits).run(runner);
                }
                Hits prefix = hits.first(m);
                tried = prefix.size();
                StatementResult rows = render(plan, prefix.ids(), prefix).run(runner);
                if (rows.hasAtLeast(route.limit())) {
                    return rows;
                }
                rows.close();
                if (prefix.size() == wanted) {
                    break;
                }
            }
            if (n >= MAX_CANDIDATES) {
                return exact(plan, exactSql, runner);
            }
        }
    }

    /** @return the best {@code count} of the route's index's candidates at breadth {@code n} */
    private Hits candidates(SearchRoute route, int n, int count) {
        return route.kind() == SearchRoute.Kind.VECTOR
                ? catalog.nearest(route.table(), route.vector().column(), route.vector().query(), n, count)
                : catalog.bestText(route.table(), route.text().column(), route.text().query(), count);
    }

    private StatementResult hybrid(SearchPlan plan, String exactSql, int first, Runner runner) throws SQLException {
        SearchRoute route = plan.route();
        TextSearch text = route.text();
        for (int n = first; ; n = Math.min(n * GROWTH, MAX_CANDIDATES)) {
            Hits vectors = catalog.nearest(route.table(), route.vector().column(), route.vector().query(), n, n);
            Hits texts = catalog.bestText(route.table(), text.column(), text.query(), n);
            if (vectors.complete() && texts.complete()) {
                // Every row with a vector or a matching text is a candidate: that is the exact statement.
                return exact(plan, exactSql, runner);
            }
            Set<String> union = new LinkedHashSet<>(vectors.ids());
            union.addAll(texts.ids());
            Hits scores = catalog.textScores(route.table(), text.column(), text.query(), union);
            StatementResult rows = render(plan, new ArrayList<>(union), scores).run(runner);
            if (rows.hasAtLeast(route.limit())) {
                return rows;
            }
            rows.close();
            if (n >= MAX_CANDIDATES) {
                return exact(plan, exactSql, runner);
            }
        }
    }

    /**
     * @param candidates the candidate row ids; null for every row
     * @param routeScores the scores of the route's text search (unused for a vector route)
     */
    private Rendered render(SearchPlan plan, List<String> candidates, Hits routeScores) throws SQLException {
        SearchPlan.Arguments arguments = plan.arguments();
        String predicate = candidates == null ? "TRUE" : plan.candidates(candidates, arguments);
        TextSearch routed = plan.route().text();
        Map<Integer, String> lookups = new LinkedHashMap<>();
        boolean pooled = true;
        for (TextSearch text : plan.texts()) {
            if (routed != null && text.id() == routed.id()) {
                lookups.put(text.id(), SearchPlan.listLookup(routeScores.ids(), routeScores.scores(), arguments));
            } else {
                lookups.put(text.id(), scoreTable(text, true));
                pooled = false;
            }
        }
        return new Rendered(plan.template().render(predicate, lookups::get), arguments.values(), pooled);
    }

    /**
     * Makes (once per statement) the temporary table holding a text search's scores.
     *
     * @param filled whether to fill it with every matching row's score; an empty one serves EXPLAIN
     * @return the opening of a score lookup in it ({@link SearchPlan#tableLookup})
     */
    private String scoreTable(TextSearch text, boolean filled) throws SQLException {
        String name = SearchPlan.scoresTable(text.id());
        if (scoreTables.add(text.id())) {
            try (Statement s = connection.createStatement()) {
                s.execute("CREATE OR REPLACE TEMP TABLE " + name + " (i VARCHAR, s DOUBLE)");
            }
            if (filled) {
                Hits hits = catalog.allText(text.table(), text.column(), text.query());
                try (DuckDBAppender appender = connection.createAppender("temp", DuckDBConnection.DEFAULT_SCHEMA, name)) {
                    for (int i = 0; i < hits.size(); i++) {
                        appender.beginRow();
                        appender.append(hits.ids().get(i));
                        appender.append(hits.scores()[i]);
                        appender.endRow();
                    }
                }
            }
        }
        return SearchPlan.tableLookup(text.id());
    }

    private Optional<IndexDefinition> vectorIndex(SearchRoute route) {
        return route.vector() == null ? Optional.empty()
                : catalog.find(route.table(), route.vector().column()).filter(i -> i.kind() == IndexKind.VECTOR);
    }

    /** DuckDB's plan of the exact statement, after a row saying which index would answer it. */
    private StatementResult explain(SearchPlan plan, String exactSql, Runner runner) throws SQLException {
        for (TextSearch text : plan.texts()) {
            scoreTable(text, false);
        }
        StatementResult rows = runner.run(exactSql, List.of(), false);
        Object[] search = new Object[rows.columnNames().size()];
        search[rows.columnNames().indexOf(EXPLAIN_KEY)] = "deeplake_search";
        search[rows.columnNames().indexOf(EXPLAIN_VALUE)] = describe(plan);
        rows.addFirst(search);
        return rows;
    }

    private String describe(SearchPlan plan) {
        SearchRoute route = plan.route();
        OptionalInt breadth = breadth(route);
        List<String> lines = new ArrayList<>();
        if (breadth.isPresent()) {
            String indexes = route.kind() == SearchRoute.Kind.TEXT ? textIndex(route.text())
                    : route.kind() == SearchRoute.Kind.VECTOR ? vectorIndexName(route)
                    : vectorIndexName(route) + " and " + textIndex(route.text());
            lines.add("Index Scan: top " + route.limit() + (route.offset() > 0 ? " after " + route.offset() : "") + " of "
                    + route.table() + " from " + indexes + ": " + Math.max(route.needed(), breadth.getAsInt())
                    + " candidates" + (route.kind() == SearchRoute.Kind.TEXT ? "" : " (measured for recall@10 on the"
                    + " column's vectors)") + ", filtered and ranked exactly by the statement below restricted to them;"
                    + " more candidates while too few pass its WHERE, the exact statement beyond " + MAX_CANDIDATES
                    + (route.kind() == SearchRoute.Kind.HYBRID ? "; both scores are min-max normalised over the"
                    + " candidates that pass the WHERE" : ""));
        } else if (route != null && route.vector() != null && vectorIndex(route).isPresent() && route.limit() > 0
                && route.needed() <= MAX_CANDIDATES) {
            lines.add("Exact: every row of " + route.table() + " is scored (" + vectorIndexName(route) + " needs more"
                    + " candidates for recall@10 at the bar on this data than " + (route.kind() == SearchRoute.Kind.HYBRID
                    ? "a hybrid search fetches (" + MAX_CANDIDATES + ")" : "a search of its size affords")
                    + ", measured when it was built)");
        } else if (route != null && route.vector() != null && vectorIndex(route).isEmpty()) {
            lines.add("Exact: every row of " + route.table() + " is scored (no deeplake_index on " + route.table() + "."
                    + route.vector().column() + "; CREATE INDEX ON " + route.table() + " USING deeplake_index ("
                    + route.vector().column() + ") to search it by HNSW)");
        } else {
            lines.add("Exact: every row is scored");
        }
        for (TextSearch text : plan.texts()) {
            if (breadth.isEmpty() || route.text() == null || text.id() != route.text().id()) {
                lines.add("BM25 scores of every row of " + text.table() + " matching '" + text.query() + "' from "
                        + textIndex(text));
            }
        }
        return String.join("\n", lines);
    }

    private String vectorIndexName(SearchRoute route) {
        return "deeplake_index " + vectorIndex(route).map(IndexDefinition::name).orElseThrow() + " (HNSW, cosine) on "
                + route.table() + "." + route.vector().column();
    }

    private String textIndex(TextSearch text) {
        return catalog.find(text.table(), text.column())
                .map(i -> "deeplake_index " + i.name() + " (BM25) on " + text.table() + "." + text.column())
                .orElse("a BM25 deeplake_index on " + text.table() + "." + text.column() + ", built on first use");
    }
}
