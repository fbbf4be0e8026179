package ai.deeplake;

import static ai.deeplake.CrashIngestChild.TABLE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL during ingest, at {@value #KILLS} seeded random points: a child JVM ({@link CrashIngestChild})
 * ingests call after call into an indexed table and is killed after a random number of the lines it
 * prints plus a random delay; after each kill a new Client on the root checks the promise of
 * SPEC §8. A call that returned is there whole, exactly once; a call cut short left the rows of the
 * 2000-row blocks it had committed, which are a prefix of its rows (blocks commit in order), at least
 * as many as its last progress report said and never part of a block; nothing else is in the table;
 * the next ingest appends; and the search indexes built before the kills answer as exact search does.
 */
class CrashSafetyTest {
    private static final int KILLS = 20;
    private static final int BLOCK = 2000;
    private static final long SEED = 20261124L;

    @TempDir
    Path root;
    @TempDir
    Path logs;

    /** Rows each call has in the table: its size once acknowledged, what survived once cut. */
    private final Map<Integer, Integer> expected = new TreeMap<>();
    private final Set<Integer> contentChecked = new HashSet<>();
    /** What the kills cut: "none" (between calls), "0", "blocks" (some), "all" (before the call returned). */
    private final Map<String, Integer> cuts = new TreeMap<>();
    /** How long the last call seen took, start to acknowledgement. */
    private long callMillis;

    @Test
    void sigkillLosesAtMostTheUncommittedBlocksOfTheCallItCuts() {
        Random random = new Random(SEED);
        try (Client client = CrashIngestChild.open(root)) {
            long started = System.nanoTime();
            client.ingest(TABLE, CrashIngestChild.data(0));
            callMillis = (System.nanoTime() - started) / 1_000_000;
            client.createIndex(TABLE, "emb");
            client.createIndex(TABLE, "text");
            expected.put(0, CrashIngestChild.size(0));
            verify(client);
        }
        int next = 1;
        for (int kill = 0; kill < KILLS; kill++) {
            List<String> lines = runAndKill(next, random, kill);
            next = afterKill(lines, next);
        }
        try (Client client = CrashIngestChild.open(root)) {
            client.ingest(TABLE, CrashIngestChild.data(next));
            expected.put(next, CrashIngestChild.size(next));
            verify(client);
        }
        System.out.println("CrashSafetyTest: " + KILLS + " kills cut " + cuts + ", " + expected.size() + " calls, "
                + expected.values().stream().mapToInt(Integer::intValue).sum() + " rows");
        assertTrue(KILLS - cuts.getOrDefault("none", 0) >= KILLS / 4, "too few kills landed within a call: " + cuts);
    }

    /**
     * Starts a child numbering its calls from {@code first} and kills it after a random number of its
     * lines and then: half the time right after it reported a block of a call durable (its next
     * blocks commit meanwhile), a quarter at a random moment of a call (a random fraction of how long
     * the last call took), else a few milliseconds after any line.
     *
     * @return its lines
     */
    private List<String> runAndKill(int first, Random random, int kill) {
        int linesBeforeKill = random.nextInt(6);
        int mode = random.nextInt(4);
        double fraction = random.nextDouble() * 1.2;
        int delayMillis = random.nextInt(40);
        try (ChildJvm child = new ChildJvm(CrashIngestChild.class, logs.resolve("child-" + kill + ".err"), root.toString(),
                String.valueOf(first))) {
            String line = child.next(60);
            assertEquals("READY", line);
            long started = 0;
            for (int i = 0; i < linesBeforeKill || mode == 0 && !line.startsWith("START")
                    || mode >= 2 && !isMidCallProgress(line); i++) {
                line = child.next(60);
                if (line.startsWith("START")) {
                    started = System.nanoTime();
                } else if (line.startsWith("ACK") && started > 0) {
                    callMillis = (System.nanoTime() - started) / 1_000_000;
                }
            }
            sleep(mode == 0 ? (int) (fraction * callMillis) : delayMillis);
            return child.kill();
        }
    }

    /** @return whether the line reports rows of a call durable before the call's last commit */
    private static boolean isMidCallProgress(String line) {
        String[] words = line.split(" ");
        return words[0].equals("PROGRESS") && Long.parseLong(words[2]) < CrashIngestChild.size(Integer.parseInt(words[1]));
    }

    /**
     * Checks the table against what the killed child said.
     *
     * @return the number the next child starts its calls from
     */
    private int afterKill(List<String> lines, int first) {
        Map<Integer, Long> progress = new HashMap<>();
        Set<Integer> acked = new HashSet<>();
        int last = first - 1;
        for (String line : lines) {
            String[] words = line.split(" ");
            switch (words[0]) {
                case "START" -> last = Integer.parseInt(words[1]);
                case "PROGRESS" -> progress.merge(Integer.parseInt(words[1]), Long.parseLong(words[2]), Math::max);
                case "ACK" -> acked.add(Integer.parseInt(words[1]));
                default -> { }
            }
        }
        for (int call : acked) {
            expected.put(call, CrashIngestChild.size(call));
        }
        try (Client client = CrashIngestChild.open(root)) {
            if (last >= first && !acked.contains(last)) {
                int left = survivorsOfCut(client, last, progress.getOrDefault(last, 0L));
                expected.put(last, left);
                cuts.merge(left == 0 ? "0" : left == CrashIngestChild.size(last) ? "all" : "blocks", 1, Integer::sum);
            } else {
                cuts.merge("none", 1, Integer::sum);
            }
            verify(client);
        }
        return last + 1;
    }

    /** @return the rows the cut call left, checked to be whole blocks (or the whole call) and all it reported */
    private static int survivorsOfCut(Client client, int call, long reported) {
        int rows = (int) client.query("SELECT count(*) AS n FROM " + TABLE + " WHERE call = $1", call).get(0).getLong("n");
        int size = CrashIngestChild.size(call);
        assertTrue(rows % BLOCK == 0 || rows == size, "call " + call + " cut by the kill left " + rows + " of its " + size
                + " rows: not whole blocks of " + BLOCK);
        assertTrue(rows >= reported, "call " + call + " reported " + reported + " rows durable, " + rows + " are there");
        return rows;
    }

    private void verify(Client client) {
        Map<Integer, Integer> present = new TreeMap<>();
        for (Row r : client.query("SELECT call, count(*) AS rows, count(DISTINCT n) AS ns, min(n) AS lo, max(n) AS hi,"
                + " count(DISTINCT _id) AS ids, count(DISTINCT substr(_id, 1, 19)) AS prefixes FROM " + TABLE
                + " GROUP BY call ORDER BY call")) {
            int call = r.getInt("call");
            int rows = r.getInt("rows");
            String what = "call " + call;
            assertEquals(rows, r.getInt("ns"), what + ": every row exactly once");
            assertEquals(rows, r.getInt("ids"), what + ": one _id per row");
            assertEquals(0, r.getInt("lo"), what + ": its rows are a prefix of the call");
            assertEquals(rows - 1, r.getInt("hi"), what + ": its rows are a prefix of the call");
            assertEquals(1, r.getInt("prefixes"), what + ": the _ids of one call share its prefix");
            present.put(call, rows);
        }
        Map<Integer, Integer> wanted = new TreeMap<>(expected);
        wanted.values().removeIf(rows -> rows == 0);
        assertEquals(wanted, present, "rows per call: acknowledged calls whole, cut calls as they were left, nothing else");
        for (int call : present.keySet()) {
            if (contentChecked.add(call)) {
                checkContent(client, call);
            }
        }
        checkSearches(client, present);
    }

    private static void checkContent(Client client, int call) {
        for (Row r : client.query("SELECT n, text, emb FROM " + TABLE + " WHERE call = $1", call)) {
            int n = r.getInt("n");
            assertEquals(CrashIngestChild.text(call, n), r.getString("text"), "text of call " + call + " row " + n);
            assertArrayEquals(CrashIngestChild.vector(call, n), r.getFloatArray("emb"), "emb of call " + call + " row " + n);
        }
    }

    /** The indexes answer for the newest rows, and as exact search does. */
    private static void checkSearches(Client client, Map<Integer, Integer> present) {
        int newest = ((TreeMap<Integer, Integer>) present).lastKey();
        int lastRow = present.get(newest) - 1;
        float[] query = CrashIngestChild.vector(newest, lastRow);
        List<Row> indexed = client.query("SELECT call, n, emb <#> $1 AS score FROM " + TABLE + " ORDER BY emb <#> $1 DESC LIMIT 10",
                (Object) query);
        List<Row> exact = client.query("SELECT call, n, score FROM (SELECT call, n, emb <#> $1 AS score FROM " + TABLE
                + ") ORDER BY score DESC, call, n LIMIT 10", (Object) query);
        assertEquals(List.of(newest, lastRow), List.of(indexed.get(0).getInt("call"), indexed.get(0).getInt("n")),
                "the vector index finds the newest row");
        Set<String> exactRows = new HashSet<>(exact.stream().map(CrashSafetyTest::key).toList());
        long found = indexed.stream().map(CrashSafetyTest::key).filter(exactRows::contains).count();
        assertTrue(found >= 9, "vector index recall@10 against exact search: " + found + "/10");

        List<Row> best = client.query("SELECT call, n FROM " + TABLE + " ORDER BY text <#> '"
                + CrashIngestChild.token(newest, lastRow) + "' DESC LIMIT 3");
        assertEquals(List.of(newest, lastRow), List.of(best.get(0).getInt("call"), best.get(0).getInt("n")),
                "the BM25 index finds the newest row's word");
        for (int call : List.of(newest, ((TreeMap<Integer, Integer>) present).firstKey())) {
            long matching = client.query("SELECT count(*) AS m FROM (SELECT text <#> '" + CrashIngestChild.callWord(call)
                    + "' AS s FROM " + TABLE + ") WHERE s > 0").get(0).getLong("m");
            assertEquals((long) present.get(call), matching, "BM25 matches every row of call " + call + " once");
        }
    }

    private static String key(Row r) {
        return r.getInt("call") + "/" + r.getInt("n");
    }

    private static void sleep(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
