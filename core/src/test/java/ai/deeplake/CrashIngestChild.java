package ai.deeplake;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The child JVM of {@link CrashSafetyTest}: ingests call after call of deterministic rows into table
 * {@value #TABLE} of the embedded root given as the first argument, numbering calls from the second,
 * until it is killed. It reports on stdout what it can observe: {@code START <call>} before a call,
 * {@code PROGRESS <call> <rows>} for every {@code onProgress} (rows durable so far), {@code ACK <call>}
 * when the call returned and {@code SEARCHED <call>} after searches that make the indexes catch up
 * (so that kills also land while Lucene writes).
 */
public final class CrashIngestChild {
    static final String TABLE = "crash";
    static final String WORKSPACE = "ws";
    static final int DIMENSIONS = 8;
    private static final int PROGRESS_MILLIS = 25;

    private CrashIngestChild() {
    }

    public static void main(String[] args) {
        Path root = Path.of(args[0]);
        int call = Integer.parseInt(args[1]);
        try (Client client = open(root)) {
            say("READY");
            for (;; call++) {
                int current = call;
                say("START " + call);
                client.ingest(TABLE, data(call), IngestOptions.builder().onProgress((rows, total) -> {
                    say("PROGRESS " + current + " " + rows);
                    // A progress bar's time: spreads a call's commits over time, so that kills land between them.
                    pause(PROGRESS_MILLIS);
                }).build());
                say("ACK " + call);
                client.query("SELECT n FROM " + TABLE + " ORDER BY emb <#> $1 DESC LIMIT 5", (Object) vector(call, 0));
                client.query("SELECT n FROM " + TABLE + " ORDER BY text <#> '" + token(call, 0) + "' DESC LIMIT 5");
                say("SEARCHED " + call);
            }
        }
    }

    static Client open(Path root) {
        return Client.builder().root(root).workspace(WORKSPACE).env(Map.of()).build();
    }

    private static void pause(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    /** @return the rows of a call: 4100 to 6499, so three or four commit blocks of 2000 */
    static int size(int call) {
        return 4100 + (call * 1237) % 2400;
    }

    /** @return the column data of call {@code call}: its number, each row's number in it, a text and a vector */
    static Map<String, List<?>> data(int call) {
        int size = size(call);
        List<Long> calls = new ArrayList<>(size);
        List<Long> ns = new ArrayList<>(size);
        List<String> texts = new ArrayList<>(size);
        List<float[]> vectors = new ArrayList<>(size);
        for (int n = 0; n < size; n++) {
            calls.add((long) call);
            ns.add((long) n);
            texts.add(text(call, n));
            vectors.add(vector(call, n));
        }
        Map<String, List<?>> data = new LinkedHashMap<>();
        data.put("call", calls);
        data.put("n", ns);
        data.put("text", texts);
        data.put("emb", vectors);
        return data;
    }

    /** @return the row's text: a word shared by the call's rows, one only this row has, and a common one */
    static String text(int call, int n) {
        return callWord(call) + " " + token(call, n) + " w" + (n % 50);
    }

    static String callWord(int call) {
        return "c" + call;
    }

    static String token(int call, int n) {
        return "r" + call + "x" + n;
    }

    static float[] vector(int call, int n) {
        SplittableRandom random = new SplittableRandom(call * 1_000_003L + n);
        float[] v = new float[DIMENSIONS];
        for (int i = 0; i < DIMENSIONS; i++) {
            v[i] = (float) random.nextDouble(-1, 1);
        }
        return v;
    }
}
