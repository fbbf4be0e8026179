package ai.deeplake.core.index;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;

/**
 * A BM25 index over a TEXT column: Lucene's {@link BM25Similarity} (k1 1.2, b 0.75), text split by
 * {@link StandardAnalyzer} (Unicode word boundaries, lower-cased, no stop words, no stemming). A query
 * is analysed the same way and matches a row holding any of its terms; the score is the sum of the
 * terms' BM25 scores.
 *
 * <p>BM25 depends on collection statistics (row count, average length, rows per term), which Lucene
 * keeps counting deleted documents until their segment is merged; {@link #commit()} therefore merges
 * deletions away, so that the scores are those of the table's rows.
 */
final class TextIndex extends SearchIndex {
    static final String FIELD = "text";
    private static final Analyzer ANALYZER = new StandardAnalyzer();

    TextIndex(Path folder) throws IOException {
        super(folder, config());
    }

    private static IndexWriterConfig config() {
        IndexWriterConfig config = new IndexWriterConfig(ANALYZER);
        config.setSimilarity(new BM25Similarity());
        TieredMergePolicy merges = new TieredMergePolicy();
        merges.setForceMergeDeletesPctAllowed(0);
        config.setMergePolicy(merges);
        return config;
    }

    @Override
    void addValue(Document document, Object value) {
        document.add(new TextField(FIELD, (String) value, Field.Store.NO));
    }

    @Override
    void commit() throws IOException {
        if (writer().hasDeletions()) {
            writer().forceMergeDeletes();
        }
        super.commit();
    }

    /** @return the {@code n} (at least 1) best rows for {@code query}, best first */
    Hits best(String query, int n) throws IOException {
        Query q = query(query);
        if (q == null) {
            return Hits.none();
        }
        return search(searcher -> {
            TopDocs top = searcher.search(q, n);
            return hits(searcher, top.scoreDocs, top.scoreDocs.length < n);
        });
    }

    /** @return the scores of those of {@code ids} that match {@code query} */
    Hits scores(String query, Collection<String> ids) throws IOException {
        Query q = query(query);
        if (q == null || ids.isEmpty()) {
            return Hits.none();
        }
        Query restricted = new BooleanQuery.Builder()
                .add(q, BooleanClause.Occur.MUST)
                .add(new TermInSetQuery(ID_FIELD, ids.stream().map(BytesRef::new).toList()), BooleanClause.Occur.FILTER)
                .build();
        return search(searcher -> {
            TopDocs top = searcher.search(restricted, ids.size());
            return hits(searcher, top.scoreDocs, true);
        });
    }

    /** @return every row that matches {@code query} */
    Hits all(String query) throws IOException {
        int rows = search(searcher -> searcher.getIndexReader().numDocs());
        return best(query, rows + 1);
    }

    /** @return the query matching any term of {@code text}; null when it has no terms */
    private static Query query(String text) {
        return new QueryBuilder(ANALYZER).createBooleanQuery(FIELD, text, BooleanClause.Occur.SHOULD);
    }
}
