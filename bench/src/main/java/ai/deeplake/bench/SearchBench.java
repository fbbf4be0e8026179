package ai.deeplake.bench;

import ai.deeplake.Client;
import ai.deeplake.IngestOptions;
import ai.deeplake.Row;
import io.github.jbellis.jvector.graph.GraphIndexBuilder;
import io.github.jbellis.jvector.graph.GraphSearcher;
import io.github.jbellis.jvector.graph.ImmutableGraphIndex;
import io.github.jbellis.jvector.graph.ListRandomAccessVectorValues;
import io.github.jbellis.jvector.graph.SearchResult;
import io.github.jbellis.jvector.vector.VectorizationProvider;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.github.jbellis.jvector.vector.types.VectorTypeSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.QueryBuilder;

/**
 * Search: top-10 by cosine over N 384-d unit vectors and BM25 over N short documents, through
 * {@code Client.query} exactly (no index), through {@code Client.query} with a {@code deeplake_index},
 * and, as references in the same run, raw Lucene HNSW and JVector (same graph degree 16 and build
 * beam 100, their search breadth raised until they reach the recall the deeplake_index reached) and
 * raw Lucene BM25 on the same data.
 *
 * <p>Usage: {@code SearchBench [rows=100000] [queries=200] [random|embedding]}. {@code random}: Gaussian
 * vectors normalised, the hardest case for any graph index (no neighbourhood structure).
 * {@code embedding}: vectors on a noisy 16-dimensional subspace, as embedding models produce (low
 * intrinsic dimension). Recall@10 is against a brute-force top-10 computed in Java. Exact search is
 * timed on a quarter of the queries (it is slow by nature).
 */
public final class SearchBench {
    private static final int DIM = 384;
    private static final int K = 10;
    /** Search breadths tried for the references, smallest first, until they reach the deeplake_index's recall. */
    private static final int[] BREADTHS = {10, 20, 40, 70, 100, 150, 200, 300, 400, 600, 800, 1200, 1600, 2400, 3200, 4800};
    private static final int LATENT = 16;
    private static final int VOCABULARY = 20_000;
    private static final VectorTypeSupport JVECTOR_TYPES = VectorizationProvider.getInstance().getVectorTypeSupport();

    private final int rows;
    private final float[][] vectors;
    private final String[] texts;
    private final float[][] queries;
    private final String[] textQueries;
    private final int[][] truth;

    private SearchBench(int rows, int queryCount, boolean embeddingLike) {
        this.rows = rows;
        SplittableRandom random = new SplittableRandom(42);
        float[][] basis = embeddingLike ? basis(random) : null;
        vectors = new float[rows][];
        texts = new String[rows];
        double[] zipf = zipf();
        for (int i = 0; i < rows; i++) {
            vectors[i] = embeddingLike ? embedding(basis, random) : unitVector(random);
            StringBuilder text = new StringBuilder();
            for (int w = 5 + random.nextInt(11); w > 0; w--) {
                text.append(text.length() == 0 ? "" : " ").append(word(zipf, random));
            }
            texts[i] = text.toString();
        }
        queries = new float[queryCount][];
        textQueries = new String[queryCount];
        for (int q = 0; q < queryCount; q++) {
            queries[q] = embeddingLike ? embedding(basis, random) : unitVector(random);
            textQueries[q] = word(zipf, random) + " " + word(zipf, random);
        }
        truth = IntStream.range(0, queryCount).parallel().mapToObj(q -> bruteForce(queries[q])).toArray(int[][]::new);
    }

    private static float[] unitVector(SplittableRandom random) {
        float[] v = new float[DIM];
        for (int d = 0; d < DIM; d++) {
            v[d] = (float) random.nextGaussian();
        }
        return normalised(v);
    }

    /** @return {@link #LATENT} random directions of the 384-d space */
    private static float[][] basis(SplittableRandom random) {
        float[][] basis = new float[LATENT][];
        for (int l = 0; l < LATENT; l++) {
            basis[l] = unitVector(random);
        }
        return basis;
    }

    /** @return a random point of the basis' span plus noise of a quarter of its size, normalised */
    private static float[] embedding(float[][] basis, SplittableRandom random) {
        float[] v = new float[DIM];
        for (float[] direction : basis) {
            double weight = random.nextGaussian();
            for (int d = 0; d < DIM; d++) {
                v[d] += (float) (weight * direction[d]);
            }
        }
        double noise = Math.sqrt(LATENT / (double) DIM) / 4;
        for (int d = 0; d < DIM; d++) {
            v[d] += (float) (noise * random.nextGaussian());
        }
        return normalised(v);
    }

    private static float[] normalised(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int d = 0; d < v.length; d++) {
            v[d] *= scale;
        }
        return v;
    }

    /** @return cumulative probabilities of a Zipf (s = 1) distribution over the vocabulary */
    private static double[] zipf() {
        double[] cumulative = new double[VOCABULARY];
        double sum = 0;
        for (int i = 0; i < VOCABULARY; i++) {
            sum += 1.0 / (i + 1);
            cumulative[i] = sum;
        }
        for (int i = 0; i < VOCABULARY; i++) {
            cumulative[i] /= sum;
        }
        return cumulative;
    }

    private static String word(double[] zipf, SplittableRandom random) {
        int i = Arrays.binarySearch(zipf, random.nextDouble());
        return "w" + (i < 0 ? -i - 1 : i);
    }

    private int[] bruteForce(float[] query) {
        Integer[] order = new Integer[rows];
        double[] scores = new double[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
            double dot = 0;
            for (int d = 0; d < DIM; d++) {
                dot += (double) query[d] * vectors[i][d];
            }
            scores[i] = dot;
        }
        return Arrays.stream(order).sorted(Comparator.comparingDouble(i -> -scores[i])).limit(K).mapToInt(i -> i).toArray();
    }

    /** Latency percentiles and recall of one way of searching. */
    private record Result(String path, double buildSeconds, double p50, double p99, double recall) {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int queryCount = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        boolean embeddingLike = args.length > 2 && args[2].equals("embedding");
        long start = System.nanoTime();
        SearchBench bench = new SearchBench(rows, queryCount, embeddingLike);
        System.out.printf("data and ground truth: %.1f s%n", (System.nanoTime() - start) / 1e9);
        List<Result> vector = new ArrayList<>();
        List<Result> text = new ArrayList<>();
        bench.client(vector, text);
        double recall = vector.get(1).recall();
        vector.add(bench.luceneHnsw(recall));
        vector.add(bench.jvector(recall));
        text.add(bench.luceneBm25());

        System.out.printf("%nSearch, %,d rows, %d queries, top-%d, %d-d %s unit vectors, 2 cores, JDK %s%n", rows, queryCount, K,
                DIM, embeddingLike ? "embedding-like (16-d subspace + noise)" : "random", System.getProperty("java.version"));
        System.out.printf("%-58s %10s %9s %9s %8s%n", "vector path", "build s", "p50 ms", "p99 ms", "recall");
        vector.forEach(r -> System.out.printf("%-58s %10s %9.2f %9.2f %8.3f%n", r.path(),
                r.buildSeconds() < 0 ? "-" : String.format("%.1f", r.buildSeconds()), r.p50(), r.p99(), r.recall()));
        System.out.printf("%-58s %10s %9s %9s%n", "BM25 path", "build s", "p50 ms", "p99 ms");
        text.forEach(r -> System.out.printf("%-58s %10s %9.2f %9.2f%n", r.path(),
                r.buildSeconds() < 0 ? "-" : String.format("%.1f", r.buildSeconds()), r.p50(), r.p99()));
    }

    private void client(List<Result> vector, List<Result> text) throws IOException {
        Path root = Files.createTempDirectory("bench-search");
        try {
            measureClient(root, vector, text);
            try (Client reopened = Client.builder().root(root).workspace("bench").build()) {
                // The first search of a process compares the index with the table, values included.
                long start = System.nanoTime();
                reopened.query("SELECT n, embedding <#> $1 AS score FROM docs ORDER BY score DESC LIMIT " + K, queries[0]);
                System.out.printf("first vector search after reopening the workspace: %.2f s%n", (System.nanoTime() - start) / 1e9);
            }
        } finally {
            delete(root);
        }
    }

    private void measureClient(Path root, List<Result> vector, List<Result> text) {
        try (Client client = Client.builder().root(root).workspace("bench").build()) {
            List<Long> numbers = new ArrayList<>(rows);
            for (long i = 0; i < rows; i++) {
                numbers.add(i);
            }
            long start = System.nanoTime();
            client.ingest("docs", Map.of("n", numbers, "text", Arrays.asList(texts), "embedding", Arrays.asList(vectors)));
            System.out.printf("Client.ingest: %.1f s%n", (System.nanoTime() - start) / 1e9);

            String nearest = "SELECT n, embedding <#> $1 AS score FROM docs ORDER BY score DESC LIMIT " + K;
            int exactQueries = Math.max(1, queries.length / 4);
            vector.add(measure("Client.query, exact (no index)", -1, exactQueries, q -> numbers(client.query(nearest, queries[q]))));

            start = System.nanoTime();
            client.createIndex("docs", "embedding");
            double build = (System.nanoTime() - start) / 1e9;
            String plan = client.query("EXPLAIN " + nearest, queries[0]).get(0).getString("explain_value");
            System.out.println("deeplake_index plan: " + plan.lines().findFirst().orElse(""));
            vector.add(measure("Client.query, deeplake_index (Lucene HNSW, M 16, beam 100)", build, queries.length,
                    q -> numbers(client.query(nearest, queries[q]))));

            String bm25 = "SELECT n, text <#> $1 AS score FROM docs ORDER BY score DESC LIMIT " + K;
            start = System.nanoTime();
            client.createIndex("docs", "text");
            build = (System.nanoTime() - start) / 1e9;
            text.add(measure("Client.query, deeplake_index (Lucene BM25)", build, queries.length,
                    q -> numbers(client.query(bm25, textQueries[q]))));
        }
    }

    private static int[] numbers(List<Row> result) {
        return result.stream().mapToInt(r -> (int) r.getLong("n")).toArray();
    }

    /** Runs every query once to warm up, then again timed; recall against the brute-force truth (vectors only). */
    private Result measure(String path, double build, int queryCount, IntFunction<int[]> search) {
        for (int q = 0; q < Math.min(queryCount, 50); q++) {
            search.apply(q);
        }
        double[] millis = new double[queryCount];
        long found = 0;
        for (int q = 0; q < queryCount; q++) {
            long start = System.nanoTime();
            int[] hits = search.apply(q);
            millis[q] = (System.nanoTime() - start) / 1e6;
            Set<Integer> expected = new HashSet<>();
            Arrays.stream(truth[q]).forEach(expected::add);
            found += Arrays.stream(hits).filter(expected::contains).count();
        }
        Arrays.sort(millis);
        return new Result(path, build, percentile(millis, 0.5), percentile(millis, 0.99), found / (double) (queryCount * K));
    }

    private static double percentile(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    /** Measures {@code searchAt(breadth)} at growing breadths until it reaches {@code recall}; @return the first that does, else the last */
    private Result atRecall(String path, double build, double recall, IntFunction<IntFunction<int[]>> searchAt) {
        Result result = null;
        for (int breadth : BREADTHS) {
            result = measure(path + breadth + ")", build, queries.length, searchAt.apply(Math.max(K, breadth)));
            if (result.recall() >= recall) {
                break;
            }
        }
        return result;
    }

    private Result luceneHnsw(double recall) throws IOException {
        Path folder = Files.createTempDirectory("bench-lucene-hnsw");
        try (FSDirectory directory = FSDirectory.open(folder)) {
            IndexWriterConfig config = new IndexWriterConfig();
            config.setRAMBufferSizeMB(512);
            long start = System.nanoTime();
            try (IndexWriter writer = new IndexWriter(directory, config)) {
                for (int i = 0; i < rows; i++) {
                    Document doc = new Document();
                    doc.add(new KnnFloatVectorField("vector", vectors[i], VectorSimilarityFunction.DOT_PRODUCT));
                    doc.add(new NumericDocValuesField("n", i));
                    writer.addDocument(doc);
                }
                writer.commit();
            }
            double build = (System.nanoTime() - start) / 1e9;
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                return atRecall("raw Lucene 9.12 HNSW (M 16, beam 100, candidates ", build, recall,
                        breadth -> q -> top(searcher, new KnnFloatVectorQuery("vector", queries[q], breadth)));
            }
        } finally {
            delete(folder);
        }
    }

    private Result luceneBm25() throws IOException {
        Path folder = Files.createTempDirectory("bench-lucene-bm25");
        StandardAnalyzer analyzer = new StandardAnalyzer();
        try (FSDirectory directory = FSDirectory.open(folder)) {
            long start = System.nanoTime();
            try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
                for (int i = 0; i < rows; i++) {
                    Document doc = new Document();
                    doc.add(new TextField("text", texts[i], Field.Store.NO));
                    doc.add(new NumericDocValuesField("n", i));
                    writer.addDocument(doc);
                }
                writer.commit();
            }
            double build = (System.nanoTime() - start) / 1e9;
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                QueryBuilder parser = new QueryBuilder(analyzer);
                return measure("raw Lucene 9.12 BM25 (StandardAnalyzer)", build, queries.length,
                        q -> top(searcher, parser.createBooleanQuery("text", textQueries[q], BooleanClause.Occur.SHOULD)));
            }
        } finally {
            delete(folder);
        }
    }

    /** The top {@link #K} hits' row numbers, read like the engine reads ids: doc values, in document order. */
    private static int[] top(IndexSearcher searcher, Query query) {
        try {
            TopDocs top = searcher.search(query, K);
            ScoreDoc[] hits = top.scoreDocs;
            int[] numbers = new int[hits.length];
            Integer[] byDoc = IntStream.range(0, hits.length).boxed().sorted(Comparator.comparingInt(i -> hits[i].doc))
                    .toArray(Integer[]::new);
            List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
            for (int i : byDoc) {
                LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(hits[i].doc, leaves));
                NumericDocValues values = leaf.reader().getNumericDocValues("n");
                values.advanceExact(hits[i].doc - leaf.docBase);
                numbers[i] = (int) values.longValue();
            }
            return numbers;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** JVector with the same graph degree and build beam, its search list ({@code rerankK}) grown until it reaches {@code recall}. */
    private Result jvector(double recall) throws IOException {
        List<VectorFloat<?>> list = new ArrayList<>(rows);
        for (float[] v : vectors) {
            list.add(JVECTOR_TYPES.createFloatVector(v));
        }
        ListRandomAccessVectorValues values = new ListRandomAccessVectorValues(list, DIM);
        io.github.jbellis.jvector.vector.VectorSimilarityFunction similarity =
                io.github.jbellis.jvector.vector.VectorSimilarityFunction.DOT_PRODUCT;
        long start = System.nanoTime();
        ImmutableGraphIndex graph;
        try (GraphIndexBuilder builder = new GraphIndexBuilder(values, similarity, 16, 100, 1.2f, 1.2f, true)) {
            graph = builder.build(values);
        }
        double build = (System.nanoTime() - start) / 1e9;
        return atRecall("JVector 4.0.2 (M 16, beam 100, search list ", build, recall, breadth -> q -> {
            SearchResult found = GraphSearcher.search(JVECTOR_TYPES.createFloatVector(queries[q]), K, breadth, values,
                    similarity, graph, io.github.jbellis.jvector.util.Bits.ALL);
            return Arrays.stream(found.getNodes()).mapToInt(n -> n.node).toArray();
        });
    }

    private static void delete(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
