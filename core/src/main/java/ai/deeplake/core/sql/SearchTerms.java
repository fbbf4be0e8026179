package ai.deeplake.core.sql;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import net.sf.jsqlparser.expression.operators.relational.GeometryDistance;

/**
 * What the search operators of one statement need from search indexes, collected while the statement
 * is written: its text searches (each with the marker of its score relation) and, per operator, the
 * searches it makes, from which a top-k statement's route is taken.
 */
final class SearchTerms {
    /** The searches one {@code <#>} makes; either part null when it makes no such search. */
    record Searches(VectorSearch vector, TextSearch text) {
    }

    private final SqlTemplate.Markers markers = new SqlTemplate.Markers();
    private final List<TextSearch> texts = new ArrayList<>();
    private final Map<GeometryDistance, Searches> byOperator = new IdentityHashMap<>();

    SqlTemplate.Markers markers() {
        return markers;
    }

    /**
     * @param parameter the {@code $n} the query is, 0 when written out
     * @return the text search for these arguments, the earlier one when the statement repeats it: the
     *     same parameter, or the same written-out query (not compared with a parameter's value, so that
     *     the statement's translation holds for any value of it)
     */
    TextSearch text(String table, String column, String query, int parameter) {
        for (TextSearch t : texts) {
            if (t.table().equalsIgnoreCase(table) && t.column().equalsIgnoreCase(column) && t.parameter() == parameter
                    && (parameter != 0 || t.query().equals(query))) {
                return t;
            }
        }
        TextSearch search = new TextSearch(texts.size(), table, column, query, parameter);
        texts.add(search);
        return search;
    }

    void record(GeometryDistance operator, VectorSearch vector, TextSearch text) {
        byOperator.put(operator, new Searches(vector, text));
    }

    /** @return what an operator searches; both parts null when it was not recorded (MaxSim, or a vector without a column) */
    Searches of(GeometryDistance operator) {
        return byOperator.getOrDefault(operator, new Searches(null, null));
    }

    List<TextSearch> texts() {
        return texts;
    }
}
