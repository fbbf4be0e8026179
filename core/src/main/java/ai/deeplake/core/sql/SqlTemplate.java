package ai.deeplake.core.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DuckDB SQL with holes the engine fills at run time: the candidate rows a search index found (one
 * predicate in the {@code WHERE} clause) and the BM25 scores of text searches. A score hole opens
 * the lookup of one row's score; the row's {@code _id} reference and {@code ))} after it close it
 * (see {@link SearchPlan#tableLookup} and {@link SearchPlan#listLookup}).
 *
 * <p>The translator writes a marker with a per-translation random tag where a hole goes; the markers
 * are cut out once here, so values filled in later are never searched for markers again.
 */
public final class SqlTemplate {
    private static final String CANDIDATES = "c";
    private static final String SCORES = "s";

    private final List<String> text = new ArrayList<>();
    /** {@code null} for the candidates hole, else the id of the text search whose score lookup goes there. */
    private final List<Integer> holes = new ArrayList<>();

    /**
     * @param sql the written statement with markers made by {@link Markers} of the same {@code tag}
     */
    SqlTemplate(String sql, Markers markers) {
        Matcher m = markers.pattern().matcher(sql);
        int from = 0;
        while (m.find()) {
            text.add(sql.substring(from, m.start()));
            holes.add(m.group(1).equals(CANDIDATES) ? null : Integer.valueOf(m.group(2)));
            from = m.end();
        }
        text.add(sql.substring(from));
    }

    /**
     * @param candidates the predicate that keeps the candidate rows ({@code TRUE} keeps every row)
     * @param lookup the opening of text search {@code id}'s score lookup
     * @return the statement with every hole filled
     */
    public String render(String candidates, IntFunction<String> lookup) {
        StringBuilder out = new StringBuilder(text.get(0));
        for (int i = 0; i < holes.size(); i++) {
            Integer hole = holes.get(i);
            out.append(hole == null ? candidates : lookup.apply(hole)).append(text.get(i + 1));
        }
        return out.toString();
    }

    /** @return whether the statement has a candidates hole */
    boolean hasCandidates() {
        return holes.contains(null);
    }

    /**
     * Makes the marker identifiers of one translation. The random tag keeps user SQL that happens to
     * contain a marker-like word from being taken for one.
     */
    static final class Markers {
        private final String prefix = "__dl_" + Long.toHexString(Double.doubleToLongBits(Math.random())) + "_";

        /** @return a marker for the candidates predicate (an identifier, so that it parses as a column) */
        String candidates() {
            return prefix + CANDIDATES;
        }

        /** @return a marker for the score lookup of text search {@code id} */
        String scores(int id) {
            return prefix + SCORES + id;
        }

        Pattern pattern() {
            return Pattern.compile(Pattern.quote(prefix) + "(" + CANDIDATES + "|" + SCORES + "(\\d+))");
        }
    }
}
