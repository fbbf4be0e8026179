package ai.deeplake.bench;

import ai.deeplake.Client;
import ai.deeplake.IngestOptions;
import ai.deeplake.Row;
import ai.deeplake.core.index.IndexCatalog;
import io.github.jbellis.jvector.graph.GraphIndexBuilder;
import io.github.jbellis.jvector.graph.GraphSearcher;
import io.github.jbellis.jvector.graph.ImmutableGraphIndex;
import io.github.jbellis.jvector.graph.ListRandomAccessVectorValues;
import io.github.jbellis.jvector.graph.SearchResult;
import io.github.jbellis.jvector.vector.VectorizationProvider;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.github.jbellis.jvector.vector.types.VectorTypeSupport;
import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
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
 * and, as references in the same run, raw Lucene HNSW and JVector and raw Lucene BM25 on the same
 * data. The three graphs are built with the deeplake_index's settings ({@link IndexCatalog#HNSW_CONNECTIONS},
 * {@link IndexCatalog#HNSW_BEAM_WIDTH}; JVector's degree is that of Lucene's bottom layer, twice
 * {@code M}), and the references' search breadth is raised until they reach the recall the
 * deeplake_index reached (or {@value #RECALL_BAR} when it searched exactly): compared at equal recall.
 * A last reference is the part of a routed search that no index spares: DuckDB fetching the true top-10
 * rows by {@code _id}.
 *
 * <p>Usage: {@code SearchBench [--size 100000] [--queries 200] [--data random|embedding] [--keep folder]
 * [--workspace folder]}. {@code --keep}: the client's root stays in that folder after the run.
 * {@code --workspace}: measures only the indexed vector search, on a root kept by an earlier run of the
 * same size and data (the index catches up and, when the engine's rules changed, measures its breadth again).
 * {@code random}: Gaussian vectors normalised, the hardest case for any graph index (no
 * neighbourhood structure). {@code embedding}: vectors on a noisy 16-dimensional subspace, as
 * embedding models produce (low intrinsic dimension). Recall@10 is against a brute-force top-10
 * computed in Java. Exact search is timed on a quarter of the queries (it is slow by nature).
 */
public final class SearchBench {
    private static final int DIM = 384;
    private static final int K = 10;
    /** The recall@10 the issue asks of an indexed search. */
    private static final double RECALL_BAR = 0.95;
    /** Search breadths tried for the references, smallest first, until they reach the deeplake_index's recall. */
    private static final int[] BREADTHS = {10, 20, 40, 70, 100, 150, 200, 300, 400, 600, 800, 1200, 1600, 2400, 3200, 4800};
    private static final int LATENT = 16;
    private static final int VOCABULARY = 20_000;
    private static final String SETTINGS = ", M " + IndexCatalog.HNSW_CONNECTIONS + ", beam " + IndexCatalog.HNSW_BEAM_WIDTH;
    private static final OperatingSystemMXBean PROCESS = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
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

    /**
     * Latency percentiles and recall of one way of searching.
     *
     * @param cpuMillis the process's CPU time per query (every thread: DuckDB's, the JIT's, the
     *     collector's), which, unlike the latencies, a machine shared with other work does not inflate
     */
    private record Result(String path, double buildSeconds, double p50, double p99, double cpuMillis, double recall) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int rows = Integer.parseInt(options.getOrDefault("size", "100000"));
        int queryCount = Integer.parseInt(options.getOrDefault("queries", "200"));
        boolean embeddingLike = options.getOrDefault("data", "random").equals("embedding");
        long start = System.nanoTime();
        SearchBench bench = new SearchBench(rows, queryCount, embeddingLike);
        System.out.printf("data and ground truth: %.1f s%n", (System.nanoTime() - start) / 1e9);
        List<Result> vector = new ArrayList<>();
        List<Result> text = new ArrayList<>();
        if (options.containsKey("workspace")) {
            bench.kept(Path.of(options.get("workspace")));
            return;
        }
        Path keep = options.containsKey("keep") ? Path.of(options.get("keep")) : null;
        boolean routed = bench.client(vector, text, keep);
        // An exact search has recall 1, which a graph only reaches by visiting about every row: the
        // references are then held to the bar instead.
        double recall = routed ? vector.get(1).recall() : RECALL_BAR;
        vector.add(bench.luceneHnsw(recall));
        vector.add(bench.jvector(recall));
        text.add(bench.luceneBm25());

        System.out.printf("%nSearch, %,d rows, %d queries, top-%d, %d-d %s unit vectors, 2 cores, JDK %s%n", rows, queryCount, K,
                DIM, embeddingLike ? "embedding-like (16-d subspace + noise)" : "random", System.getProperty("java.version"));
        System.out.printf("load average at the end: %.1f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf("%-58s %10s %9s %9s %9s %8s%n", "vector path", "build s", "p50 ms", "p99 ms", "CPU ms/q", "recall");
        vector.forEach(r -> System.out.printf("%-58s %10s %9.2f %9.2f %9.2f %8.3f%n", r.path(),
                r.buildSeconds() < 0 ? "-" : String.format("%.1f", r.buildSeconds()), r.p50(), r.p99(), r.cpuMillis(), r.recall()));
        System.out.printf("%-58s %10s %9s %9s %9s%n", "BM25 path", "build s", "p50 ms", "p99 ms", "CPU ms/q");
        text.forEach(r -> System.out.printf("%-58s %10s %9.2f %9.2f %9.2f%n", r.path(),
                r.buildSeconds() < 0 ? "-" : String.format("%.1f", r.buildSeconds()), r.p50(), r.p99(), r.cpuMillis()));
        Result indexed = vector.get(1);
        Result vectorFetch = vector.get(2);
        Result lucene = vector.get(3);
        Result jvector = vector.get(4);
        Result bm25 = text.get(0);
        Result textFetch = text.get(1);
        Result luceneBm25 = text.get(2);
        System.out.printf("deeplake_index / raw Lucene HNSW: p50 %.2fx, CPU %.2fx; / JVector: p50 %.2fx, CPU %.2fx;"
                + " BM25 / raw Lucene BM25: p50 %.2fx, CPU %.2fx%n",
                indexed.p50() / lucene.p50(), indexed.cpuMillis() / lucene.cpuMillis(),
                indexed.p50() / jvector.p50(), indexed.cpuMillis() / jvector.cpuMillis(),
                bm25.p50() / luceneBm25.p50(), bm25.cpuMillis() / luceneBm25.cpuMillis());
        System.out.printf("against raw Lucene plus the DuckDB fetch of its rows: deeplake_index p50 %.2fx, CPU %.2fx;"
                + " BM25 p50 %.2fx, CPU %.2fx%n",
                indexed.p50() / (lucene.p50() + vectorFetch.p50()), indexed.cpuMillis() / (lucene.cpuMillis() + vectorFetch.cpuMillis()),
                bm25.p50() / (luceneBm25.p50() + textFetch.p50()), bm25.cpuMillis() / (luceneBm25.cpuMillis() + textFetch.cpuMillis()));
    }

    /** @return {@code --name value} pairs */
    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("Usage: SearchBench [--size rows] [--queries n] [--data random|embedding]"
                        + " [--keep folder] [--workspace folder]");
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    /** @return whether the deeplake_index answered the vector searches (else they ran exactly) */
    private boolean client(List<Result> vector, List<Result> text, Path keep) throws IOException {
        Path root = keep == null ? Files.createTempDirectory("bench-search") : Files.createDirectories(keep);
        try {
            boolean routed = measureClient(root, vector, text);
            try (Client reopened = Client.builder().root(root).workspace("bench").build()) {
                // The first search of a process compares the index with the table, values included.
                long start = System.nanoTime();
                reopened.query("SELECT n, embedding <#> $1 AS score FROM docs ORDER BY score DESC LIMIT " + K, queries[0]);
                System.out.printf("first vector search after reopening the workspace: %.2f s%n", (System.nanoTime() - start) / 1e9);
            }
            fetchFloors(root.resolve("bench").resolve("tables.duckdb"), vector, text);
            return routed;
        } finally {
            if (keep == null) {
                TempFolders.delete(root);
            }
        }
    }

    /** The indexed vector search on a kept root: the time to open it (catching up, measuring again), then the queries. */
    private void kept(Path root) {
        try (Client client = Client.builder().root(root).workspace("bench").build()) {
            String nearest = "SELECT n, embedding <#> $1 AS score FROM docs ORDER BY score DESC LIMIT " + K;
            long start = System.nanoTime();
            String plan = client.query("EXPLAIN " + nearest, queries[0]).get(0).getString("explain_value");
            System.out.printf("opening the kept index (catching up, measuring its breadth when the rules changed): %.1f s%n",
                    (System.nanoTime() - start) / 1e9);
            System.out.println("deeplake_index plan: " + plan.lines().findFirst().orElse(""));
            Result r = measure("Client.query, deeplake_index (Lucene HNSW" + SETTINGS + ")", -1, queries.length,
                    q -> numbers(client.query(nearest, queries[q])));
            System.out.printf("%nKept workspace, %,d rows, %d queries, JDK %s, load average %.1f%n", rows, queries.length,
                    System.getProperty("java.version"), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            System.out.printf("%s: p50 %.2f ms, p99 %.2f ms, CPU %.2f ms/q, recall %.3f%n", r.path(), r.p50(), r.p99(),
                    r.cpuMillis(), r.recall());
        }
    }

    private boolean measureClient(Path root, List<Result> vector, List<Result> text) {
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
            vector.add(measure("Client.query, deeplake_index (Lucene HNSW" + SETTINGS + ")", build, queries.length,
                    q -> numbers(client.query(nearest, queries[q]))));

            String bm25 = "SELECT n, text <#> $1 AS score FROM docs ORDER BY score DESC LIMIT " + K;
            start = System.nanoTime();
            client.createIndex("docs", "text");
            build = (System.nanoTime() - start) / 1e9;
            text.add(measure("Client.query, deeplake_index (Lucene BM25)", build, queries.length,
                    q -> numbers(client.query(bm25, textQueries[q]))));
            return plan.startsWith("Index Scan");
        }
    }

    /**
     * The part of a routed search no index can spare: one prepared DuckDB statement fetching the true
     * top-10 rows of each query by {@code _id} (through the ART index the engine keeps on it), on the
     * workspace's own table after the client closed; with the cosine to the query vector for the
     * vector searches, without for BM25.
     */
    private void fetchFloors(Path database, List<Result> vector, List<Result> text) {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + database)) {
            String[] ids = new String[rows];
            String type;
            try (Statement statement = connection.createStatement()) {
                try (ResultSet r = statement.executeQuery("SELECT n, _id FROM docs")) {
                    while (r.next()) {
                        ids[(int) r.getLong(1)] = r.getString(2);
                    }
                }
                try (ResultSet r = statement.executeQuery("SELECT data_type FROM information_schema.columns"
                        + " WHERE table_name = 'docs' AND column_name = 'embedding'")) {
                    r.next();
                    type = r.getString(1);
                }
            }
            String score = type.endsWith("[]") ? "list_cosine_similarity(embedding, $11::FLOAT[])"
                    : "array_cosine_similarity(embedding, $11::" + type + ")";
            vector.add(fetchFloor(connection, ids, "SELECT n, " + score + " AS score FROM docs WHERE " + idIn()
                    + " ORDER BY score DESC", true));
            text.add(fetchFloor(connection, ids, "SELECT n FROM docs WHERE " + idIn(), false));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String idIn() {
        return "_id IN (" + IntStream.rangeClosed(1, K).mapToObj(i -> "$" + i).collect(Collectors.joining(", ")) + ")";
    }

    private Result fetchFloor(Connection connection, String[] ids, String sql, boolean scored) throws SQLException {
        try (PreparedStatement fetch = connection.prepareStatement(sql)) {
            return measure("raw DuckDB: the true top-10 by _id" + (scored ? ", cosine computed" : ""), -1, queries.length,
                    q -> fetch(fetch, ids, q, scored));
        }
    }

    private int[] fetch(PreparedStatement fetch, String[] ids, int query, boolean scored) {
        try {
            for (int i = 0; i < K; i++) {
                fetch.setString(i + 1, ids[truth[query][i]]);
            }
            if (scored) {
                Float[] vector = new Float[DIM];
                Arrays.setAll(vector, d -> queries[query][d]);
                fetch.setObject(K + 1, fetch.getConnection().createArrayOf("FLOAT", vector));
            }
            List<Integer> numbers = new ArrayList<>(K);
            try (ResultSet r = fetch.executeQuery()) {
                while (r.next()) {
                    numbers.add((int) r.getLong(1));
                }
            }
            return numbers.stream().mapToInt(Integer::intValue).toArray();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int[] numbers(List<Row> result) {
        return result.stream().mapToInt(r -> (int) r.getLong("n")).toArray();
    }

    /** Runs up to 50 queries to warm up, then every query timed; recall against the brute-force truth (vectors only). */
    private Result measure(String path, double build, int queryCount, IntFunction<int[]> search) {
        for (int q = 0; q < Math.min(queryCount, 50); q++) {
            search.apply(q);
        }
        double[] millis = new double[queryCount];
        long found = 0;
        long cpu = PROCESS.getProcessCpuTime();
        for (int q = 0; q < queryCount; q++) {
            long start = System.nanoTime();
            int[] hits = search.apply(q);
            millis[q] = (System.nanoTime() - start) / 1e6;
            found += found(q, hits);
        }
        double cpuMillis = (PROCESS.getProcessCpuTime() - cpu) / 1e6 / queryCount;
        Arrays.sort(millis);
        return new Result(path, build, percentile(millis, 0.5), percentile(millis, 0.99), cpuMillis, found / (double) (queryCount * K));
    }

    private static double percentile(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    /**
     * Finds the smallest of {@link #BREADTHS} at which {@code searchAt(breadth)} reaches {@code recall}
     * (recall grows with the breadth, so by bisection, untimed), then measures it there.
     *
     * @return the measurement at that breadth, or at the largest when none reaches it
     */
    private Result atRecall(String path, double build, double recall, IntFunction<IntFunction<int[]>> searchAt) {
        int low = 0;
        int high = BREADTHS.length - 1;
        while (low < high) {
            int mid = (low + high) / 2;
            if (recall(searchAt.apply(Math.max(K, BREADTHS[mid]))) >= recall) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return measure(path + BREADTHS[low] + ")", build, queries.length, searchAt.apply(Math.max(K, BREADTHS[low])));
    }

    private double recall(IntFunction<int[]> search) {
        long found = 0;
        for (int q = 0; q < queries.length; q++) {
            found += found(q, search.apply(q));
        }
        return found / (double) (queries.length * K);
    }

    private long found(int query, int[] hits) {
        Set<Integer> expected = new HashSet<>();
        Arrays.stream(truth[query]).forEach(expected::add);
        return Arrays.stream(hits).filter(expected::contains).count();
    }

    private Result luceneHnsw(double recall) throws IOException {
        Path folder = Files.createTempDirectory("bench-lucene-hnsw");
        try (FSDirectory directory = FSDirectory.open(folder)) {
            IndexWriterConfig config = new IndexWriterConfig().setCodec(new Lucene912Codec() {
                @Override
                public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                    return new Lucene99HnswVectorsFormat(IndexCatalog.HNSW_CONNECTIONS, IndexCatalog.HNSW_BEAM_WIDTH);
                }
            });
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
                return atRecall("raw Lucene 9.12 HNSW (" + SETTINGS.substring(2) + ", candidates ", build, recall,
                        breadth -> q -> top(searcher, new KnnFloatVectorQuery("vector", queries[q], breadth)));
            }
        } finally {
            TempFolders.delete(folder);
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
            TempFolders.delete(folder);
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

    /**
     * JVector with the same build beam and the degree of Lucene's bottom layer (JVector's graph is one
     * layer wide where it matters), its search list ({@code rerankK}) grown until it reaches {@code recall}.
     */
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
        try (GraphIndexBuilder builder = new GraphIndexBuilder(values, similarity, 2 * IndexCatalog.HNSW_CONNECTIONS,
                IndexCatalog.HNSW_BEAM_WIDTH, 1.2f, 1.2f, true)) {
            graph = builder.build(values);
        }
        double build = (System.nanoTime() - start) / 1e9;
        return atRecall("JVector 4.0.2 (degree " + 2 * IndexCatalog.HNSW_CONNECTIONS + ", beam "
                + IndexCatalog.HNSW_BEAM_WIDTH + ", search list ", build, recall, breadth -> q -> {
            SearchResult found = GraphSearcher.search(JVECTOR_TYPES.createFloatVector(queries[q]), K, breadth, values,
                    similarity, graph, io.github.jbellis.jvector.util.Bits.ALL);
            return Arrays.stream(found.getNodes()).mapToInt(n -> n.node).toArray();
        });
    }
}
