package ai.deeplake.core.index;

import java.util.List;

/**
 * What a search index found, best first.
 *
 * @param ids the rows' {@code _id}s
 * @param scores their scores, higher is better (Lucene's: BM25, or {@code (1 + cosine) / 2} for vectors)
 * @param complete whether these are all the rows that match (fewer than asked for were found), so that
 *     any other row scores nothing (BM25) or has no vector
 */
public record Hits(List<String> ids, double[] scores, boolean complete) {

    /** @return no rows, and none to find */
    static Hits none() {
        return new Hits(List.of(), new double[0], true);
    }

    /** @return the number of rows found */
    public int size() {
        return ids.size();
    }

    /** @return the first {@code n} rows (all when there are fewer) */
    public Hits first(int n) {
        int m = Math.min(n, ids.size());
        double[] s = new double[m];
        System.arraycopy(scores, 0, s, 0, m);
        return new Hits(ids.subList(0, m), s, complete && m == ids.size());
    }
}
