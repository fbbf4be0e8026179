package ai.deeplake.core.sql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A statement with search operators that need the engine's search indexes: BM25 scores for its text
 * searches and, for a top-k search, the candidate rows.
 *
 * <p>The engine fills the holes of {@link #template()}: the candidates predicate with
 * {@code <idReference> IN (...)} (or {@code TRUE}) and each text search's score lookup, in the
 * temporary table {@link #scoresTable(int)} ({@link #tableLookup}) or, for the few rows of a routed
 * search, in two list parameters ({@link #listLookup}: a scalar expression, where a lookup in an
 * inline relation makes DuckDB join, ~0.9 ms of a 2.9 ms statement). Inline values are
 * parameters numbered after the statement's own ({@link Arguments}), so that the statement's text
 * repeats from one search to the next and DuckDB can keep it prepared.
 * {@link Translation#sql()} is the exact statement: every row a candidate, every text search's scores
 * in its temporary table.
 *
 * @param template the DuckDB statement with its holes
 * @param texts the text searches, by id
 * @param route how the statement may be answered from indexes; null when it must run exactly
 * @param idReference how the statement refers to the searched table's {@code _id} column, for the
 *     candidates predicate; null without a route
 * @param parameters the highest {@code $n} the statement uses itself (0 for none)
 * @param explain whether the statement is {@code EXPLAIN}: the engine describes what it would do
 */
public record SearchPlan(SqlTemplate template, List<TextSearch> texts, SearchRoute route, String idReference,
        int parameters, boolean explain) {

    public SearchPlan {
        texts = List.copyOf(texts);
    }

    /**
     * @return this plan for another call's values of the statement's parameters: the query texts and
     *     vectors taken from them (the route's text search is the one of {@link #texts} with its id)
     */
    SearchPlan bind(QueryParams values) {
        return new SearchPlan(template, texts.stream().map(t -> t.bind(values)).toList(),
                route == null ? null : route.bind(values), idReference, parameters, explain);
    }

    /** @return the name of the temporary table the exact statement reads text search {@code id}'s scores from */
    public static String scoresTable(int id) {
        return "__dl_scores_" + id;
    }

    /**
     * @return the opening of a score lookup in text search {@code id}'s temporary table (DuckDB keeps
     *     temporary tables in catalog {@code temp}), closed by the row's id reference and {@code ))}
     */
    public static String tableLookup(int id) {
        return "(SELECT __dl_h.s FROM temp." + scoresTable(id) + " AS __dl_h(i, s) WHERE __dl_h.i = (";
    }

    /** @return the exact statement: no candidate restriction, text scores in their temporary tables */
    String exactSql() {
        return template.render("TRUE", SearchPlan::tableLookup);
    }

    /** @return a new list of values to pass as parameters after the statement's own */
    public Arguments arguments() {
        return new Arguments(parameters);
    }

    /**
     * @param ids the candidate row ids
     * @return the predicate that keeps exactly those rows ({@code FALSE} for none)
     */
    public String candidates(List<String> ids, Arguments arguments) {
        if (ids.isEmpty()) {
            return "FALSE";
        }
        return idReference + " IN (" + ids.stream().map(arguments::add).collect(Collectors.joining(", ")) + ")";
    }

    /**
     * @param ids row ids
     * @param scores their scores, in the same order
     * @return the opening of a score lookup in them, passed as two list parameters, closed by the row's
     *     id reference and {@code ))}
     */
    public static String listLookup(List<String> ids, double[] scores, Arguments arguments) {
        Double[] boxed = Arrays.stream(scores).boxed().toArray(Double[]::new);
        return "list_extract(CAST(" + arguments.add(new SqlList("DOUBLE", boxed)) + " AS DOUBLE[]), list_position(CAST("
                + arguments.add(new SqlList("VARCHAR", ids.toArray())) + " AS VARCHAR[]), ";
    }

    /**
     * A list parameter of the engine's own: bound as a DuckDB list of {@code type}, where the values
     * of a caller's parameters that are arrays are vectors.
     *
     * @param type the DuckDB type of the elements
     * @param values the elements
     */
    public record SqlList(String type, Object[] values) {
    }

    /** Values passed as parameters {@code $n+1, $n+2, ...} after a statement's own {@code $1..$n}. */
    public static final class Arguments {
        private final int before;
        private final List<Object> values = new ArrayList<>();

        private Arguments(int before) {
            this.before = before;
        }

        /** @return the parameter that will hold {@code value} */
        String add(Object value) {
            values.add(value);
            return "$" + (before + values.size());
        }

        /** @return the values, in parameter order */
        public List<Object> values() {
            return Collections.unmodifiableList(values);
        }
    }
}
