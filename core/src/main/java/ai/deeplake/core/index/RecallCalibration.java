package ai.deeplake.core.index;

import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.VectorUtil;

/**
 * Measures how many candidates an HNSW search of one index needs so that its top-10 holds at least
 * {@value #TARGET} of the exact top-10, on the index's own vectors.
 *
 * <p>Why measure: the candidates needed depend on the data, not only on its size. Embeddings, which
 * lie near a low-dimensional surface, reach recall 0.95 with ~100 candidates; random 384-d vectors,
 * whose nearest neighbours are barely nearer than any other row, need thousands at 100k rows
 * (measured with Lucene 9.12, M 16, beam 100: 0.14 at 100, 0.94 at 3200). A fixed setting is either
 * slow on the first or wrong on the second.
 *
 * <p>How many is too many: a search asking for {@code c} candidates visits several times {@code c}
 * vectors, so beyond one row in {@value #ROWS_PER_CANDIDATE} (and beyond {@link IndexCatalog#MAX_CANDIDATES}
 * on small tables) an exact scan is the better search. On random vectors, 1200 of 20k rows
 * (1 in 17) still answered in 0.7x the exact scan's time.
 *
 * <p>Queries are new points: sums of {@value #MIXED} stored vectors with random weights. Stored vectors
 * themselves are easy queries, as the graph links each to its nearest neighbours: on 5k random 384-d
 * vectors, 150 candidates gave recall 0.97 on them and 0.86 on new vectors. A sum stays on the
 * surface that embeddings lie near, and for vectors without structure it is as unrelated to each of
 * them as a new vector (cosine about 1/sqrt({@value #MIXED})); between clusters, it is a harder query
 * than most, so the measurement errs towards more candidates. The target is above the 0.95 bar by
 * about two standard errors of a {@value #QUERIES}-query sample.
 */
final class RecallCalibration {
    static final double TARGET = 0.97;
    private static final int QUERIES = 50;
    /** Stored vectors summed into one query. */
    private static final int MIXED = 256;
    private static final int K = 10;
    /** Candidate counts tried, smallest first. */
    private static final int[] LADDER = {100, 150, 200, 300, 400, 600, 800, 1200, 1600, IndexCatalog.MAX_CANDIDATES, 3200,
        4800, 6400, 9600, 12800, 19200, 25600};
    private static final int ROWS_PER_CANDIDATE = 16;
    /**
     * Names the ladder and its limits, kept with a measurement: one taken under other rules is taken
     * again when the index opens.
     */
    static final String RULES = "ladder-" + LADDER[LADDER.length - 1] + "-rows/" + ROWS_PER_CANDIDATE + "-sums-of-" + MIXED;

    private RecallCalibration() {
    }

    /** @return the fewest candidates that search the smallest index well: all of it */
    static int minimum() {
        return LADDER[0];
    }

    /**
     * @param searcher sees the index as it is now
     * @return the fewest candidates on the ladder that reach the target; -1 when even the most the
     *     index's size affords do not (an exact scan is then the better search)
     */
    static int measure(IndexSearcher searcher, String field) throws IOException {
        long vectors = vectorCount(searcher, field);
        List<Sample> samples = sample(searcher, field, vectors);
        if (samples.size() < QUERIES) {
            // Fewer vectors than queries: any search asks for all of them.
            return minimum();
        }
        exactNeighbours(searcher, field, samples);
        int low = 0;
        int high = affordable(vectors) - 1;
        if (recall(searcher, field, samples, LADDER[high]) < TARGET) {
            return -1;
        }
        while (low < high) {
            int mid = (low + high) / 2;
            if (recall(searcher, field, samples, LADDER[mid]) >= TARGET) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return LADDER[low];
    }

    /** @return how many rungs of the ladder a search of {@code vectors} vectors may ask for (at least up to MAX_CANDIDATES) */
    private static int affordable(long vectors) {
        long most = Math.max(IndexCatalog.MAX_CANDIDATES, vectors / ROWS_PER_CANDIDATE);
        int rungs = 0;
        while (rungs < LADDER.length && LADDER[rungs] <= most) {
            rungs++;
        }
        return rungs;
    }

    /** @return the number of vectors the index holds, deleted ones included */
    static long vectorCount(IndexSearcher searcher, String field) throws IOException {
        long count = 0;
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            FloatVectorValues values = leaf.reader().getFloatVectorValues(field);
            count += values == null ? 0 : values.size();
        }
        return count;
    }

    /** A query and its exact nearest rows. */
    private static final class Sample {
        final float[] vector;
        /** The exact top {@link #K}, worst first. */
        final PriorityQueue<ScoreDoc> nearest = new PriorityQueue<>((a, b) -> Float.compare(a.score, b.score));

        Sample(float[] vector) {
            this.vector = vector;
        }

        void offer(int doc, float score) {
            if (nearest.size() < K) {
                nearest.add(new ScoreDoc(doc, score));
            } else if (score > nearest.peek().score) {
                nearest.poll();
                nearest.add(new ScoreDoc(doc, score));
            }
        }
    }

    /**
     * @return {@value #QUERIES} queries, each the normalised sum of {@value #MIXED} stored vectors picked
     *     at random with Gaussian weights (seeded, so a rebuild measures the same way)
     */
    private static List<Sample> sample(IndexSearcher searcher, String field, long vectors) throws IOException {
        if (vectors < QUERIES) {
            return List.of();
        }
        int total = Math.toIntExact(vectors);
        Random random = new Random(42);
        int[] ordinals = new int[QUERIES * MIXED];
        double[] weights = new double[ordinals.length];
        for (int i = 0; i < ordinals.length; i++) {
            ordinals[i] = random.nextInt(total);
            weights[i] = random.nextGaussian();
        }
        int[] byOrdinal = IntStream.range(0, ordinals.length).boxed().sorted(Comparator.comparingInt(i -> ordinals[i]))
                .mapToInt(Integer::intValue).toArray();
        float[][] sums = new float[QUERIES][];
        int next = 0;
        int ordinal = 0;
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            FloatVectorValues values = leaf.reader().getFloatVectorValues(field);
            Bits live = leaf.reader().getLiveDocs();
            if (values == null) {
                continue;
            }
            for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc(), ordinal++) {
                for (; next < byOrdinal.length && ordinals[byOrdinal[next]] == ordinal; next++) {
                    if (live == null || live.get(doc)) {
                        float[] vector = values.vectorValue();
                        int use = byOrdinal[next];
                        int query = use / MIXED;
                        if (sums[query] == null) {
                            sums[query] = new float[vector.length];
                        }
                        for (int d = 0; d < vector.length; d++) {
                            sums[query][d] += (float) (weights[use] * vector[d]);
                        }
                    }
                }
            }
        }
        return Arrays.stream(sums).map(sum -> sum == null ? null : VectorIndex.normalised(sum)).filter(Objects::nonNull)
                .map(Sample::new).toList();
    }

    /**
     * One pass over every live vector, scoring it against all samples as the index does: Lucene's dot
     * product of unit vectors, SIMD where the JDK offers it (a 1M-row pass is then seconds, not tens).
     */
    private static void exactNeighbours(IndexSearcher searcher, String field, List<Sample> samples) throws IOException {
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            FloatVectorValues values = leaf.reader().getFloatVectorValues(field);
            Bits live = leaf.reader().getLiveDocs();
            if (values == null) {
                continue;
            }
            for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
                if (live != null && !live.get(doc)) {
                    continue;
                }
                float[] vector = values.vectorValue();
                for (Sample sample : samples) {
                    sample.offer(leaf.docBase + doc, VectorUtil.dotProduct(sample.vector, vector));
                }
            }
        }
    }

    private static double recall(IndexSearcher searcher, String field, List<Sample> samples, int candidates) throws IOException {
        int found = 0;
        for (Sample sample : samples) {
            Set<Integer> exact = new HashSet<>();
            sample.nearest.forEach(hit -> exact.add(hit.doc));
            for (ScoreDoc hit : searcher.search(new KnnFloatVectorQuery(field, sample.vector, candidates), K).scoreDocs) {
                found += exact.contains(hit.doc) ? 1 : 0;
            }
        }
        return found / (double) (samples.size() * K);
    }
}
