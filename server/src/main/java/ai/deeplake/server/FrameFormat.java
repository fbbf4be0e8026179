package ai.deeplake.server;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The streaming endpoint as length-prefixed binary frames ({@code application/vnd.deeplake.frames}),
 * which the SDK's batch reader asks for: columns arrive as little-endian arrays that map straight
 * onto {@code long[]}, {@code float[][]}... without parsing text.
 *
 * <p>A frame is one kind byte, a little-endian int32 payload length, and the payload:
 * <ul>
 *   <li>{@code 'H'} header: UTF-8 JSON {@code {"columns", "column_types", "encodings"}}, encodings
 *       being {@code int64 float32 float64 bool utf8 binary json vector};</li>
 *   <li>{@code 'B'} batch: int32 row count n, then per column a validity bitmap of ceil(n/8) bytes
 *       (bit i%8 of byte i/8 set = row i is not null) followed by the values: {@code int64},
 *       {@code float64} n x 8 bytes; {@code float32} n x 4; {@code bool} n bytes (0/1);
 *       {@code utf8}, {@code binary}, {@code json} (n + 1) int32 byte offsets then the bytes;
 *       {@code vector} (n + 1) int32 offsets counted in floats, then the float32 values. A null
 *       occupies its fixed-size slot (zeros) or an empty range;</li>
 *   <li>{@code 'E'} end: UTF-8 JSON {@code {"row_count": N}};</li>
 *   <li>{@code 'X'} error: UTF-8 JSON {@code {"error", "code"}}; nothing follows.</li>
 * </ul>
 * {@code json} carries JSON columns' text, and the {@code /query} JSON form of values of other
 * types (timestamps, decimals, 2-D vectors...).
 */
final class FrameFormat implements BatchFormat {
    static final String CONTENT_TYPE = "application/vnd.deeplake.frames";
    static final byte HEADER = 'H';
    static final byte BATCH = 'B';
    static final byte END = 'E';
    static final byte ERROR = 'X';

    private final OutputStream out;
    private ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);

    FrameFormat(OutputStream out) {
        this.out = out;
    }

    @Override
    public String contentType() {
        return CONTENT_TYPE;
    }

    @Override
    public void start(List<WireColumn> columns) throws IOException {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("columns", columns.stream().map(WireColumn::name).toList());
        header.put("column_types", columns.stream().map(WireColumn::type).toList());
        header.put("encodings", columns.stream().map(c -> encodingName(c.encoding())).toList());
        frame(HEADER, Json.MAPPER.writeValueAsBytes(header));
    }

    /** @return the frame encoding of a column's values */
    static String encodingName(WireColumn.Encoding e) {
        return switch (e) {
            case INTEGER -> "int64";
            case FLOAT32 -> "float32";
            case FLOAT64 -> "float64";
            case BOOL -> "bool";
            case TEXT -> "utf8";
            case BINARY -> "binary";
            case VECTOR -> "vector";
            case JSON, OTHER -> "json";
        };
    }

    @Override
    public void batch(List<WireColumn> columns, List<Object[]> rows) throws IOException {
        buffer.clear();
        int n = rows.size();
        ensure(4);
        buffer.putInt(n);
        for (int c = 0; c < columns.size(); c++) {
            bitmap(rows, c);
            switch (columns.get(c).encoding()) {
                case INTEGER, FLOAT32, FLOAT64, BOOL -> fixed(rows, c, columns.get(c).encoding());
                case VECTOR -> vectors(rows, c);
                default -> variable(rows, c, columns.get(c).encoding());
            }
        }
        buffer.flip();
        header(BATCH, buffer.remaining());
        out.write(buffer.array(), 0, buffer.remaining());
    }

    @Override
    public void end(long rowCount) throws IOException {
        frame(END, Json.MAPPER.writeValueAsBytes(Map.of("row_count", rowCount)));
    }

    @Override
    public void error(ErrorMapper.Failure failure) throws IOException {
        frame(ERROR, Json.MAPPER.writeValueAsBytes(failure.body()));
    }

    private void frame(byte kind, byte[] payload) throws IOException {
        header(kind, payload.length);
        out.write(payload);
    }

    private void header(byte kind, int length) throws IOException {
        byte[] h = new byte[5];
        ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN).put(kind).putInt(length);
        out.write(h);
    }

    private void bitmap(List<Object[]> rows, int c) {
        int bytes = (rows.size() + 7) / 8;
        ensure(bytes);
        int start = buffer.position();
        for (int i = 0; i < bytes; i++) {
            buffer.put((byte) 0);
        }
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i)[c] != null) {
                int at = start + i / 8;
                buffer.put(at, (byte) (buffer.get(at) | (1 << (i % 8))));
            }
        }
    }

    private void fixed(List<Object[]> rows, int c, WireColumn.Encoding encoding) {
        int width = switch (encoding) {
            case BOOL -> 1;
            case FLOAT32 -> 4;
            default -> 8;
        };
        ensure((long) rows.size() * width);
        for (Object[] row : rows) {
            Object v = row[c];
            Number n = v instanceof Number number ? number : 0;
            switch (encoding) {
                case BOOL -> buffer.put((byte) (Boolean.TRUE.equals(v) ? 1 : 0));
                case FLOAT32 -> buffer.putFloat(n.floatValue());
                case FLOAT64 -> buffer.putDouble(n.doubleValue());
                default -> buffer.putLong(n.longValue());
            }
        }
    }

    private void vectors(List<Object[]> rows, int c) {
        float[][] values = new float[rows.size()][];
        long total = 0;
        for (int i = 0; i < values.length; i++) {
            values[i] = floats(rows.get(i)[c]);
            total += values[i].length;
        }
        ensure(4L * (values.length + 1) + 4L * total);
        int offset = 0;
        buffer.putInt(offset);
        for (float[] v : values) {
            offset += v.length;
            buffer.putInt(offset);
        }
        for (float[] v : values) {
            buffer.asFloatBuffer().put(v);
            buffer.position(buffer.position() + 4 * v.length);
        }
    }

    /** A vector's floats; a list (a vector holding nulls) has NaN for them. */
    private static float[] floats(Object v) {
        if (v == null) {
            return new float[0];
        }
        if (v instanceof float[] f) {
            return f;
        }
        List<?> list = (List<?>) v;
        float[] out = new float[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i) instanceof Number x ? x.floatValue() : Float.NaN;
        }
        return out;
    }

    private void variable(List<Object[]> rows, int c, WireColumn.Encoding encoding) throws IOException {
        byte[][] values = new byte[rows.size()][];
        long total = 0;
        for (int i = 0; i < values.length; i++) {
            values[i] = bytes(rows.get(i)[c], encoding);
            total += values[i].length;
        }
        ensure(4L * (values.length + 1) + total);
        int offset = 0;
        buffer.putInt(offset);
        for (byte[] v : values) {
            offset += v.length;
            buffer.putInt(offset);
        }
        for (byte[] v : values) {
            buffer.put(v);
        }
    }

    private static byte[] bytes(Object v, WireColumn.Encoding encoding) throws IOException {
        if (v == null) {
            return new byte[0];
        }
        return switch (encoding) {
            case BINARY -> (byte[]) v;
            case TEXT, JSON -> v.toString().getBytes(StandardCharsets.UTF_8);
            default -> {
                ByteArrayOutputStream json = new ByteArrayOutputStream();
                try (JsonGenerator g = Json.STREAMING.createGenerator(json)) {
                    ValueWriter.write(g, encoding, v);
                }
                yield json.toByteArray();
            }
        };
    }

    /** Grows the buffer to hold {@code more} bytes past its position; a batch over 2 GB is refused. */
    private void ensure(long more) {
        long needed = buffer.position() + more;
        if (needed <= buffer.capacity()) {
            return;
        }
        if (needed > Integer.MAX_VALUE - 16) {
            throw ApiException.badRequest("A batch of this size is over 2 GB; ask for a smaller batch_size");
        }
        long grown = Math.max(needed, Math.min((long) buffer.capacity() * 2, Integer.MAX_VALUE - 16));
        ByteBuffer bigger = ByteBuffer.allocate((int) grown).order(ByteOrder.LITTLE_ENDIAN);
        buffer.flip();
        bigger.put(buffer);
        buffer = bigger;
    }
}

