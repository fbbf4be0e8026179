package ai.deeplake.bench;

import ai.deeplake.Client;
import ai.deeplake.IngestResult;
import ai.deeplake.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load on one {@code deeplake serve} (in-process, loopback): N concurrent remote clients, each its
 * own {@code Client}, for D seconds of mixed work: half ingests of a small batch (text, 64-d
 * embedding), half queries (a filtered count, a top-10 vector search). Prints throughput, p50/p99
 * latency per kind, the errors (expected: none), and checks that the table holds exactly the rows
 * the ingests reported.
 *
 * <p>Usage: {@code ServerLoadBench [clients=50] [seconds=60] [rowsPerIngest=50] [ingestShare=0.5] [frames|inserts]}
 * (the ingest path: binary frames, or INSERTs through {@code /tables/query/batch}).
 */
public final class ServerLoadBench {
    private static final int DIM = 64;

    /** One finished operation. */
    private record Op(boolean ingest, long nanos) {}

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int rowsPerIngest = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        double ingestShare = args.length > 3 ? Double.parseDouble(args[3]) : 0.5;
        boolean frames = args.length <= 4 || !args[4].equals("inserts");
        try (LoopbackServer server = LoopbackServer.start(c -> c.withFrameIngest(frames))) {
            try (Client setup = server.client()) {
                setup.query("CREATE TABLE load (client BIGINT, seq BIGINT, text TEXT, embedding EMBEDDING(" + DIM + "))");
            }
            ConcurrentLinkedQueue<Op> ops = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
            AtomicLong rowsSent = new AtomicLong();
            CountDownLatch done = new CountDownLatch(clients);
            long deadline = System.nanoTime() + seconds * 1_000_000_000L;
            long start = System.nanoTime();
            for (int c = 0; c < clients; c++) {
                int id = c;
                Thread t = new Thread(() -> {
                    try (Client client = server.client()) {
                        run(client, id, rowsPerIngest, ingestShare, deadline, ops, errors, rowsSent);
                    } catch (RuntimeException e) {
                        errors.add("client " + id + ": " + e);
                    } finally {
                        done.countDown();
                    }
                }, "load-client-" + c);
                t.start();
            }
            done.await();
            double elapsed = (System.nanoTime() - start) / 1e9;
            long stored;
            try (Client check = server.client()) {
                stored = check.query("SELECT COUNT(*) AS n FROM load").get(0).getLong("n");
            }
            report(clients, elapsed, rowsPerIngest, new ArrayList<>(ops), errors, rowsSent.get(), stored);
        }
    }

    private static void run(Client client, int id, int rowsPerIngest, double ingestShare, long deadline, ConcurrentLinkedQueue<Op> ops,
            ConcurrentLinkedQueue<String> errors, AtomicLong rowsSent) {
        SplittableRandom random = new SplittableRandom(id);
        long seq = 0;
        while (System.nanoTime() < deadline) {
            boolean ingest = random.nextDouble() < ingestShare;
            String kind = "ingest";
            long t0 = System.nanoTime();
            try {
                if (ingest) {
                    List<String> texts = new ArrayList<>(rowsPerIngest);
                    List<float[]> vectors = new ArrayList<>(rowsPerIngest);
                    List<Long> clientIds = new ArrayList<>(rowsPerIngest);
                    List<Long> seqs = new ArrayList<>(rowsPerIngest);
                    for (int i = 0; i < rowsPerIngest; i++) {
                        clientIds.add((long) id);
                        seqs.add(seq++);
                        texts.add("client " + id + " row " + seq);
                        vectors.add(vector(random));
                    }
                    IngestResult r = client.ingest("load", Map.of("client", clientIds, "seq", seqs, "text", texts, "embedding", vectors));
                    rowsSent.addAndGet(r.rowCount());
                } else if (random.nextBoolean()) {
                    kind = "count";
                    List<Row> rows = client.query("SELECT COUNT(*) AS n FROM load WHERE client = $1", (long) id);
                    if (rows.get(0).getLong("n") < 0) {
                        throw new IllegalStateException("negative count");
                    }
                } else {
                    kind = "search";
                    client.query("SELECT seq, embedding <#> $1 AS s FROM load ORDER BY s DESC LIMIT 10", (Object) vector(random));
                }
                ops.add(new Op(ingest, System.nanoTime() - t0));
            } catch (RuntimeException e) {
                errors.add("client " + id + " " + kind + ": " + e);
            }
        }
    }

    private static float[] vector(SplittableRandom random) {
        float[] v = new float[DIM];
        for (int d = 0; d < DIM; d++) {
            v[d] = (float) random.nextGaussian();
        }
        return v;
    }

    private static void report(int clients, double elapsed, int rowsPerIngest, List<Op> ops, ConcurrentLinkedQueue<String> errors,
            long sent, long stored) {
        System.out.printf("Server load: %d concurrent remote clients, %.0f s, half ingests of %d rows (text, FLOAT[%d]), half queries%n",
                clients, elapsed, rowsPerIngest, DIM);
        System.out.printf("%-10s %8s %10s %10s %10s%n", "operation", "count", "per s", "p50 ms", "p99 ms");
        for (String kind : List.of("ingest", "query", "all")) {
            long[] nanos = ops.stream().filter(o -> kind.equals("all") || o.ingest() == kind.equals("ingest")).mapToLong(Op::nanos).sorted().toArray();
            System.out.printf("%-10s %8d %10.1f %10.1f %10.1f%n", kind, nanos.length, nanos.length / elapsed, percentile(nanos, 0.50),
                    percentile(nanos, 0.99));
        }
        System.out.printf("rows ingested: %,d (%,.0f rows/s); rows in the table: %,d (%s)%n", sent, sent / elapsed, stored,
                sent == stored ? "equal" : "DIFFERENT");
        System.out.printf("errors: %d%n", errors.size());
        errors.stream().limit(10).forEach(e -> System.out.println("  " + e));
        if (!errors.isEmpty() || sent != stored) {
            System.exit(1);
        }
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
