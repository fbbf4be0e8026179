package ai.deeplake.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the binary frames of the streaming endpoint, as a client would (see {@link FrameFormat}). */
final class FrameReader {
    /** One frame: its kind and payload. */
    record Frame(byte kind, byte[] payload) {
        JsonNode json() throws IOException {
            return TestServer.JSON.readTree(payload);
        }
    }

    /** A decoded batch: per column, one Java value per row (null where the bitmap says so). */
    record Batch(int rows, List<List<Object>> columns) {
    }

    private final DataInputStream in;

    FrameReader(InputStream in) {
        this.in = new DataInputStream(in);
    }

    /** @return the next frame, or null at the end of the stream */
    Frame next() throws IOException {
        int kind = in.read();
        if (kind < 0) {
            return null;
        }
        byte[] length = in.readNBytes(4);
        if (length.length < 4) {
            throw new EOFException("truncated frame header");
        }
        int n = ByteBuffer.wrap(length).order(ByteOrder.LITTLE_ENDIAN).getInt();
        byte[] payload = in.readNBytes(n);
        if (payload.length < n) {
            throw new EOFException("truncated frame");
        }
        return new Frame((byte) kind, payload);
    }

    /** @param encodings the header's {@code encodings} */
    static Batch decode(Frame frame, List<String> encodings) {
        ByteBuffer b = ByteBuffer.wrap(frame.payload()).order(ByteOrder.LITTLE_ENDIAN);
        int n = b.getInt();
        List<List<Object>> columns = new ArrayList<>();
        for (String encoding : encodings) {
            byte[] bitmap = new byte[(n + 7) / 8];
            b.get(bitmap);
            List<Object> values = new ArrayList<>(n);
            switch (encoding) {
                case "int64" -> read(n, bitmap, values, () -> b.getLong());
                case "float64" -> read(n, bitmap, values, () -> b.getDouble());
                case "float32" -> read(n, bitmap, values, () -> b.getFloat());
                case "bool" -> read(n, bitmap, values, () -> b.get() != 0);
                case "vector" -> {
                    int[] offsets = offsets(b, n);
                    for (int i = 0; i < n; i++) {
                        float[] v = new float[offsets[i + 1] - offsets[i]];
                        b.asFloatBuffer().get(v);
                        b.position(b.position() + 4 * v.length);
                        values.add(valid(bitmap, i) ? v : null);
                    }
                }
                default -> {
                    int[] offsets = offsets(b, n);
                    for (int i = 0; i < n; i++) {
                        byte[] bytes = new byte[offsets[i + 1] - offsets[i]];
                        b.get(bytes);
                        Object v = encoding.equals("binary") ? bytes : new String(bytes, StandardCharsets.UTF_8);
                        values.add(valid(bitmap, i) ? v : null);
                    }
                }
            }
            columns.add(values);
        }
        if (b.hasRemaining()) {
            throw new IllegalStateException(b.remaining() + " bytes left over in a batch frame");
        }
        return new Batch(n, columns);
    }

    private interface Value {
        Object get();
    }

    private static void read(int n, byte[] bitmap, List<Object> values, Value value) {
        for (int i = 0; i < n; i++) {
            Object v = value.get();
            values.add(valid(bitmap, i) ? v : null);
        }
    }

    private static int[] offsets(ByteBuffer b, int n) {
        int[] offsets = new int[n + 1];
        for (int i = 0; i <= n; i++) {
            offsets[i] = b.getInt();
        }
        return offsets;
    }

    private static boolean valid(byte[] bitmap, int i) {
        return (bitmap[i / 8] & (1 << (i % 8))) != 0;
    }
}
