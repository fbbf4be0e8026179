package ai.deeplake.bench;

import ai.deeplake.server.DeeplakeServer;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The two wire forms of the server's streaming endpoint ({@code POST .../tables/stream}) on N rows
 * of (BIGINT, DOUBLE, FLOAT[384]) over loopback: JSON lines against binary frames, each read to
 * the end and decoded into Java arrays the way a client would ({@code long}, {@code double},
 * {@code float[]} per row), so that server encoding, transfer and client decoding all count.
 *
 * <p>Usage: {@code StreamFormatBench [rows=200000] [repetitions=3] [batchSize=1000]}. Prints the
 * median time, rows/s and bytes of each form, and their ratio.
 */
public final class StreamFormatBench {
    private static final int DIM = 384;
    private static final String SECRET = "stream-bench-secret-stream-bench-secret";

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int batchSize = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        Path root = Files.createTempDirectory("deeplake-stream-bench");
        try (DeeplakeServer server = DeeplakeServer.start(root, SECRET, 0)) {
            String token = DeeplakeServer.mintToken(SECRET, "bench", null, Duration.ofHours(2));
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            Api api = new Api(http, server.baseUrl(), token);
            api.post("/workspaces", "{\"id\": \"ws\"}");
            api.post("/workspaces/ws/tables", "{\"table_name\": \"points\", \"schema\": {\"id\": \"INT64\", \"x\": \"FLOAT64\", \"v\": \"EMBEDDING(" + DIM + ")\"}}");
            long t0 = System.nanoTime();
            for (int from = 0; from < rows; from += 20_000) {
                int to = Math.min(rows, from + 20_000);
                api.post("/workspaces/ws/tables/query", "{\"query\": \"INSERT INTO points (id, x, v) SELECT i, random(), array_agg(random()::FLOAT4)"
                        + " FROM range(" + from + ", " + to + ") r(i), range(" + DIM + ") d(k) GROUP BY i\", \"timeout_ms\": 600000}");
            }
            System.out.printf("loaded %d rows in %.1f s%n", rows, (System.nanoTime() - t0) / 1e9);

            String body = "{\"query\": \"SELECT id, x, v FROM points\", \"batch_size\": " + batchSize + ", \"timeout_ms\": 600000}";
            double[] json = new double[reps];
            double[] frames = new double[reps];
            long[] jsonBytes = new long[1];
            long[] frameBytes = new long[1];
            for (int r = -1; r < reps; r++) {
                // Repetition -1 warms the JIT (server and client) and is not counted.
                double j = time(() -> check(rows, readJsonLines(api.stream(body, null), jsonBytes)));
                double f = time(() -> check(rows, readFrames(api.stream(body, "application/vnd.deeplake.frames"), frameBytes)));
                if (r >= 0) {
                    json[r] = j;
                    frames[r] = f;
                }
            }
            double js = Stats.median(json);
            double fs = Stats.median(frames);
            System.out.printf("JSON lines: %.2f s, %.0f rows/s, %.0f MB%n", js, rows / js, jsonBytes[0] / 1e6);
            System.out.printf("frames:     %.2f s, %.0f rows/s, %.0f MB%n", fs, rows / fs, frameBytes[0] / 1e6);
            System.out.printf("frames are %.1fx faster and %.1fx smaller%n", js / fs, (double) jsonBytes[0] / frameBytes[0]);
        }
    }

    private interface Run {
        void run() throws Exception;
    }

    private static double time(Run run) throws Exception {
        long t0 = System.nanoTime();
        run.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void check(int expected, long got) {
        if (got != expected) {
            throw new IllegalStateException("streamed " + got + " rows, expected " + expected);
        }
    }

    /** Parses every line with Jackson's streaming parser into a long, a double and a float[] per row. */
    private static long readJsonLines(InputStream body, long[] bytes) throws IOException {
        CountingStream in = new CountingStream(body);
        long rows = 0;
        double checksum = 0;
        try (JsonParser p = new JsonFactory().createParser(in)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.FIELD_NAME && p.currentName().equals("rows")) {
                    p.nextToken();
                    while (p.nextToken() == JsonToken.START_ARRAY) {
                        p.nextToken();
                        long id = p.getLongValue();
                        p.nextToken();
                        double x = p.getDoubleValue();
                        p.nextToken();
                        float[] v = new float[DIM];
                        int n = 0;
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            v[n++] = p.getFloatValue();
                        }
                        p.nextToken();
                        checksum += id + x + v[0];
                        rows++;
                    }
                }
            }
        }
        bytes[0] = in.count;
        return checksum == 0 ? -1 : rows;
    }

    /** Reads the frames into long[], double[] and float[][] per batch. */
    private static long readFrames(InputStream body, long[] bytes) throws IOException {
        CountingStream counting = new CountingStream(body);
        DataInputStream in = new DataInputStream(new BufferedInputStream(counting, 1 << 16));
        long rows = 0;
        double checksum = 0;
        byte[] header = new byte[5];
        while (in.read(header, 0, 1) == 1) {
            in.readFully(header, 1, 4);
            int length = ByteBuffer.wrap(header, 1, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            byte[] payload = new byte[length];
            in.readFully(payload);
            if (header[0] == 'X') {
                throw new IllegalStateException(new String(payload));
            }
            if (header[0] != 'B') {
                continue;
            }
            ByteBuffer b = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
            int n = b.getInt();
            int bitmap = (n + 7) / 8;
            long[] ids = new long[n];
            double[] xs = new double[n];
            float[][] vs = new float[n][];
            b.position(b.position() + bitmap);
            b.asLongBuffer().get(ids);
            b.position(b.position() + 8 * n + bitmap);
            b.asDoubleBuffer().get(xs);
            b.position(b.position() + 8 * n + bitmap);
            int[] offsets = new int[n + 1];
            b.asIntBuffer().get(offsets);
            b.position(b.position() + 4 * (n + 1));
            for (int i = 0; i < n; i++) {
                vs[i] = new float[offsets[i + 1] - offsets[i]];
                b.asFloatBuffer().get(vs[i]);
                b.position(b.position() + 4 * vs[i].length);
            }
            for (int i = 0; i < n; i++) {
                checksum += ids[i] + xs[i] + vs[i][0];
            }
            rows += n;
        }
        bytes[0] = counting.count;
        return checksum == 0 ? -1 : rows;
    }

    /** Counts the bytes read through it. */
    private static final class CountingStream extends java.io.FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            count += Math.max(n, 0);
            return n;
        }
    }

    /** The few calls the benchmark makes. */
    private record Api(HttpClient http, String baseUrl, String token) {
        void post(String path, String json) throws IOException, InterruptedException {
            HttpResponse<String> r = http.send(request(path, json, null), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 300) {
                throw new IllegalStateException(path + ": " + r.statusCode() + " " + r.body());
            }
        }

        InputStream stream(String json, String accept) throws IOException, InterruptedException {
            HttpResponse<InputStream> r = http.send(request("/workspaces/ws/tables/stream", json, accept), HttpResponse.BodyHandlers.ofInputStream());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("stream: " + r.statusCode() + " " + new String(r.body().readAllBytes()));
            }
            return r.body();
        }

        private HttpRequest request(String path, String json, String accept) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json));
            if (accept != null) {
                b.header("Accept", accept);
            }
            return b.build();
        }
    }
}
