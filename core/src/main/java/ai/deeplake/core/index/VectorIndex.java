package ai.deeplake.core.index;

import ai.deeplake.api.TableError;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.KnnVectorsWriter;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.SegmentWriteState;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.TopDocs;

/**
 * An HNSW graph over an EMBEDDING column ({@link IndexCatalog#HNSW_CONNECTIONS} connections per node,
 * beam {@link IndexCatalog#HNSW_BEAM_WIDTH}), ranking by cosine similarity.
 *
 * <p>Vectors are stored L2-normalised and compared with {@code DOT_PRODUCT}: on unit vectors that is
 * the cosine, and Lucene computes it ~20% faster than {@code COSINE}. A zero vector has no direction
 * and is not indexed (its cosine with anything is undefined). Up to {@link #MAX_DIMENSIONS}
 * dimensions: Lucene's default limit (1024) is below common embedding sizes (1536, 3072).
 *
 * <p>How many candidates a search asks for is measured on the index's own vectors
 * ({@link RecallCalibration}) whenever the number of vectors has doubled or halved since the last
 * measurement, and kept with the index's commit.
 */
final class VectorIndex extends SearchIndex {
    static final String FIELD = "vector";
    static final int MAX_DIMENSIONS = 4096;
    private static final VectorSimilarityFunction SIMILARITY = VectorSimilarityFunction.DOT_PRODUCT;
    /** Bulk builds flush fewer, larger segments (each segment is a graph searched separately). */
    private static final double RAM_BUFFER_MB = 512;
    static final String CANDIDATES = "deeplake.candidates";
    static final String MEASURED_AT = "deeplake.candidates.vectors";
    static final String MEASURED_BY = "deeplake.candidates.rules";

    /** Candidates a search asks for; -1 when no affordable number reaches the recall target. */
    private volatile int candidates;
    /** The number of vectors when {@link #candidates} was measured; 0 when never. */
    private volatile long measuredAt;

    VectorIndex(Path folder) throws IOException {
        super(folder, config());
        Map<String, String> committed = new HashMap<>();
        writer().getLiveCommitData().forEach(e -> committed.put(e.getKey(), e.getValue()));
        candidates = Integer.parseInt(committed.getOrDefault(CANDIDATES, String.valueOf(RecallCalibration.minimum())));
        measuredAt = Long.parseLong(committed.getOrDefault(MEASURED_AT, "0"));
        if (measuredAt > 0 && !RecallCalibration.RULES.equals(committed.get(MEASURED_BY))) {
            // Measured by an engine that tried other candidate counts: its answer may not hold under these rules.
            calibrate(search(searcher -> RecallCalibration.vectorCount(searcher, FIELD)));
        }
    }

    private static IndexWriterConfig config() {
        IndexWriterConfig config = new IndexWriterConfig();
        config.setCodec(new Lucene912Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return WideHnswFormat.INSTANCE;
            }
        });
        config.setRAMBufferSizeMB(RAM_BUFFER_MB);
        return config;
    }

    @Override
    void addValue(Document document, Object value) {
        float[] unit = normalised((float[]) value);
        if (unit != null) {
            document.add(new KnnFloatVectorField(FIELD, unit, SIMILARITY));
        }
    }

    /** Commits, then measures the candidates a search needs when the index has grown or shrunk a lot. */
    @Override
    void commit() throws IOException {
        super.commit();
        long vectors = search(searcher -> RecallCalibration.vectorCount(searcher, FIELD));
        if (vectors > 2 * measuredAt || vectors < measuredAt / 2) {
            calibrate(vectors);
        }
    }

    private void calibrate(long vectors) throws IOException {
        int measured = search(searcher -> RecallCalibration.measure(searcher, FIELD));
        writer().setLiveCommitData(Map.of(CANDIDATES, String.valueOf(measured), MEASURED_AT, String.valueOf(vectors),
                MEASURED_BY, RecallCalibration.RULES).entrySet());
        super.commit();
        candidates = measured;
        measuredAt = vectors;
    }

    /**
     * @return the candidates a top-k search should ask for (at least), measured to give recall@10 of
     *     {@value RecallCalibration#TARGET} on this index's vectors; empty when even the most the
     *     index's size affords do not, so that an exact scan is the better search
     */
    OptionalInt candidates() {
        int c = candidates;
        return c < 0 ? OptionalInt.empty() : OptionalInt.of(c);
    }

    /**
     * @param query the query vector (any length; it is normalised)
     * @param breadth the search's breadth (at least 1): the more, the more reliably it finds the best rows
     * @param count how many of the rows found to return, best first (at most {@code breadth})
     * @return the rows nearest to {@code query} by cosine, best first
     * @throws TableError when the query's length differs from the indexed vectors'
     */
    Hits nearest(float[] query, int breadth, int count) throws IOException {
        float[] unit = normalised(query);
        return search(searcher -> {
            FieldInfo field = FieldInfos.getMergedFieldInfos(searcher.getIndexReader()).fieldInfo(FIELD);
            if (unit == null || field == null) {
                // A zero query has no nearest rows; an index without vectors has nothing to find.
                return Hits.none();
            }
            if (field.getVectorDimension() != unit.length) {
                throw new TableError("The query vector has " + unit.length + " numbers but the indexed column holds"
                        + " vectors of " + field.getVectorDimension());
            }
            // Only the rows wanted become hits: naming each costs a doc values read.
            TopDocs top = searcher.search(new KnnFloatVectorQuery(FIELD, unit, breadth), count);
            return hits(searcher, top.scoreDocs, top.scoreDocs.length < count);
        });
    }

    /** @return the vector scaled to length 1, or null for a zero vector */
    static float[] normalised(float[] vector) {
        double sum = 0;
        for (float x : vector) {
            sum += (double) x * x;
        }
        if (sum == 0 || !Double.isFinite(sum)) {
            return null;
        }
        float scale = (float) (1 / Math.sqrt(sum));
        float[] unit = new float[vector.length];
        for (int i = 0; i < unit.length; i++) {
            unit[i] = vector[i] * scale;
        }
        return unit;
    }

    /**
     * Lucene's HNSW format with a higher dimension limit. It keeps the format's name, so the files it
     * writes are read back by the standard format.
     */
    private static final class WideHnswFormat extends KnnVectorsFormat {
        private static final KnnVectorsFormat DELEGATE = new Lucene99HnswVectorsFormat(IndexCatalog.HNSW_CONNECTIONS,
                IndexCatalog.HNSW_BEAM_WIDTH);
        static final WideHnswFormat INSTANCE = new WideHnswFormat();

        private WideHnswFormat() {
            super(DELEGATE.getName());
        }

        @Override
        public KnnVectorsWriter fieldsWriter(SegmentWriteState state) throws IOException {
            return DELEGATE.fieldsWriter(state);
        }

        @Override
        public KnnVectorsReader fieldsReader(SegmentReadState state) throws IOException {
            return DELEGATE.fieldsReader(state);
        }

        @Override
        public int getMaxDimensions(String fieldName) {
            return MAX_DIMENSIONS;
        }
    }
}
