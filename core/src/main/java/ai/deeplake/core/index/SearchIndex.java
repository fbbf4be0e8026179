package ai.deeplake.core.index;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * A Lucene index of one column of one table: a document per row, holding the row's {@code _id}
 * (indexed, to replace or delete it, and as doc values, to name the hits), the DuckDB hash of its
 * value (to notice updates) and the value itself in the form the subclass searches. Rows whose value
 * is null have a document without a value, so that the index still knows it has seen them.
 *
 * <p>Writes become visible to searches at {@link #commit()}. Thread-safe: Lucene's writer and
 * searcher manager are; callers serialise catching up with the table (see {@link IndexCatalog}).
 */
abstract class SearchIndex implements Closeable {
    static final String ID_FIELD = "_id";
    static final String HASH_FIELD = "_hash";

    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;

    /** Opens the index in {@code folder}, creating an empty one when there is none. */
    SearchIndex(Path folder, IndexWriterConfig config) throws IOException {
        Files.createDirectories(folder);
        directory = FSDirectory.open(folder);
        try {
            writer = new IndexWriter(directory, config);
            searchers = new SearcherManager(writer, null);
        } catch (IOException | RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    /** Adds the value's searchable form to the row's document; {@code value} is not null. */
    abstract void addValue(Document document, Object value);

    /**
     * Adds the document of row {@code id}.
     *
     * @param replace whether the index may have one already, to be replaced (adding alone is cheaper)
     */
    final void put(String id, long hash, Object value, boolean replace) throws IOException {
        Document document = new Document();
        document.add(new StringField(ID_FIELD, id, Field.Store.NO));
        document.add(new BinaryDocValuesField(ID_FIELD, new BytesRef(id)));
        document.add(new NumericDocValuesField(HASH_FIELD, hash));
        if (value != null) {
            addValue(document, value);
        }
        if (replace) {
            writer.updateDocument(new Term(ID_FIELD, id), document);
        } else {
            writer.addDocument(document);
        }
    }

    final void delete(String id) throws IOException {
        writer.deleteDocuments(new Term(ID_FIELD, id));
    }

    /** Makes the writes durable and visible to searches. */
    void commit() throws IOException {
        writer.commit();
        searchers.maybeRefreshBlocking();
    }

    final IndexWriter writer() {
        return writer;
    }

    /**
     * @param idPrefix only rows whose {@code _id} starts with it; null for all
     * @return the {@code _id} and value hash of every row the index holds
     */
    final Map<String, Long> contents(String idPrefix) throws IOException {
        return search(searcher -> {
            Map<String, Long> rows = new HashMap<>();
            for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                LeafReader reader = leaf.reader();
                BinaryDocValues ids = reader.getBinaryDocValues(ID_FIELD);
                NumericDocValues hashes = reader.getNumericDocValues(HASH_FIELD);
                Bits live = reader.getLiveDocs();
                if (ids == null) {
                    continue;
                }
                for (int doc = ids.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = ids.nextDoc()) {
                    if (live != null && !live.get(doc)) {
                        continue;
                    }
                    String id = ids.binaryValue().utf8ToString();
                    if (idPrefix == null || id.startsWith(idPrefix)) {
                        rows.put(id, hashes != null && hashes.advanceExact(doc) ? hashes.longValue() : 0L);
                    }
                }
            }
            return rows;
        });
    }

    /** Work done with a searcher that sees the last commit. */
    @FunctionalInterface
    interface SearcherWork<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    final <T> T search(SearcherWork<T> work) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            return work.apply(searcher);
        } finally {
            searchers.release(searcher);
        }
    }

    /**
     * @param hits documents found by {@code searcher}, best first
     * @param complete whether they are all the documents that match
     * @return the hits as row ids, in the same order
     */
    static Hits hits(IndexSearcher searcher, ScoreDoc[] hits, boolean complete) throws IOException {
        // Doc values are read forwards, so look the ids up in document order.
        Integer[] byDoc = new Integer[hits.length];
        Arrays.setAll(byDoc, i -> i);
        Arrays.sort(byDoc, (a, b) -> Integer.compare(hits[a].doc, hits[b].doc));
        String[] ids = new String[hits.length];
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        int leafIndex = -1;
        BinaryDocValues values = null;
        LeafReaderContext leaf = null;
        for (int i : byDoc) {
            int doc = hits[i].doc;
            int next = ReaderUtil.subIndex(doc, leaves);
            if (next != leafIndex) {
                leafIndex = next;
                leaf = leaves.get(next);
                values = leaf.reader().getBinaryDocValues(ID_FIELD);
            }
            if (values == null || !values.advanceExact(doc - leaf.docBase)) {
                throw new IOException("Search index document " + doc + " has no " + ID_FIELD);
            }
            ids[i] = values.binaryValue().utf8ToString();
        }
        double[] scores = new double[hits.length];
        for (int i = 0; i < hits.length; i++) {
            scores[i] = hits[i].score;
        }
        return new Hits(List.of(ids), scores, complete);
    }

    @Override
    public void close() throws IOException {
        try {
            searchers.close();
            writer.close();
        } finally {
            directory.close();
        }
    }
}
