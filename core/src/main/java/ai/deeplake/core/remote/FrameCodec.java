package ai.deeplake.core.remote;

import ai.deeplake.api.Batch;
import ai.deeplake.api.TableError;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * The binary frame form ({@value #CONTENT_TYPE}) of columnar batches, both ways: the server's batch
 * stream to {@code Dataset.batches} and the client's bulk ingest to our own server. Columns travel
 * as little-endian arrays that map straight onto the {@link Batch} arrays ({@code long[]},
 * {@code float[]}, {@code float[][]}...), so neither side parses or boxes values.
 *
 * <p>A frame is one kind byte, a little-endian int32 payload length, and the payload:
 * <ul>
 *   <li>{@code 'H'} header: UTF-8 JSON with {@code columns} and {@code encodings} (one of
 *       {@code int64 float32 float64 bool utf8 binary json vector} per column), plus what the
 *       endpoint adds;</li>
 *   <li>{@code 'B'} batch: int32 row count n, then per column a validity bitmap of ceil(n/8) bytes
 *       (bit i%8 of byte i/8 set = row i is not null) followed by the values: {@code int64},
 *       {@code float64} n x 8 bytes; {@code float32} n x 4; {@code bool} n bytes (0/1);
 *       {@code utf8}, {@code binary}, {@code json} (n + 1) int32 byte offsets then the bytes;
 *       {@code vector} (n + 1) int32 offsets counted in floats, then the float32 values. A null
 *       occupies its fixed-size slot (zeros) or an empty range;</li>
 *   <li>{@code 'E'} end: UTF-8 JSON, e.g. {@code {"row_count": N}};</li>
 *   <li>{@code 'X'} error: UTF-8 JSON {@code {"error", "code"}}; nothing follows.</li>
 * </ul>
 */
public final class FrameCodec {
    /** The media type of a frame stream. */
    public static final String CONTENT_TYPE = "application/vnd.deeplake.frames";
    /** What a server lists in {@code /me}'s {@code capabilities} when it takes frames at {@code POST /tables/{table}/ingest}. */
    public static final String INGEST_CAPABILITY = "ingest_frames";
    public static final byte HEADER = 'H';
    public static final byte BATCH = 'B';
    public static final byte END = 'E';
    public static final byte ERROR = 'X';
    /** Frames up to this length are read into an array allocated at once. */
    private static final int EXACT_READ_LIMIT = 16 << 20;

    private FrameCodec() {}

    /**
     * One frame read from a stream.
     *
     * @param kind {@link #HEADER}, {@link #BATCH}, {@link #END} or {@link #ERROR}
     * @param payload its bytes
     */
    public record Frame(int kind, byte[] payload) {}

    /** @return the encoding name of a {@link Batch} column array */
    public static String encoding(Object values) {
        if (values instanceof long[]) {
            return "int64";
        }
        if (values instanceof double[]) {
            return "float64";
        }
        if (values instanceof float[]) {
            return "float32";
        }
        if (values instanceof boolean[]) {
            return "bool";
        }
        if (values instanceof byte[][]) {
            return "binary";
        }
        if (values instanceof float[][]) {
            return "vector";
        }
        if (values instanceof String[]) {
            return "utf8";
        }
        throw new IllegalArgumentException("no frame encoding for " + values.getClass().getSimpleName());
    }

    /** Writes one frame of the first {@code length} bytes of {@code payload}. */
    public static void write(OutputStream out, byte kind, byte[] payload, int length) throws IOException {
        byte[] h = new byte[5];
        ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN).put(kind).putInt(length);
        out.write(h);
        out.write(payload, 0, length);
    }

    /**
     * @return the next frame
     * @throws EOFException when the stream ends before a whole frame
     */
    public static Frame read(DataInputStream in) throws IOException {
        int kind = in.read();
        if (kind < 0) {
            throw new EOFException("the stream ended without its end frame");
        }
        int length = Integer.reverseBytes(in.readInt());
        if (length < 0) {
            throw new IOException("negative frame length");
        }
        if (length > EXACT_READ_LIMIT) {
            // Grown as the bytes come, so a corrupt length cannot take that much heap.
            byte[] payload = in.readNBytes(length);
            if (payload.length < length) {
                throw new EOFException("truncated frame");
            }
            return new Frame(kind, payload);
        }
        // Read straight into an array of the length, not collected in 8 KB pieces and copied: for
        // the batch frames of a stream, that collecting was most of the client's time.
        byte[] payload = new byte[length];
        try {
            in.readFully(payload);
        } catch (EOFException e) {
            throw new EOFException("truncated frame");
        }
        return new Frame(kind, payload);
    }

    /**
     * Appends rows {@code [from, to)} of the named columns of a batch as one batch frame.
     *
     * @param buffer where to write, from its position; replaced by a bigger one when full
     * @return the buffer holding the frame, positioned after it
     * @throws TableError when the frame would be over 2 GB
     */
    public static ByteBuffer appendBatch(ByteBuffer buffer, Batch batch, List<String> columns, int from, int to) {
        Encoder e = new Encoder(buffer);
        int n = to - from;
        e.ensure(9);
        int start = e.buffer.position();
        e.buffer.put(BATCH).putInt(0).putInt(n);
        for (String name : columns) {
            e.bitmap(batch, name, from, to);
            Object values = batch.column(name);
            if (values instanceof long[] v) {
                e.ensure(8L * n);
                e.buffer.asLongBuffer().put(v, from, n);
                e.skip(8 * n);
            } else if (values instanceof double[] v) {
                e.ensure(8L * n);
                e.buffer.asDoubleBuffer().put(v, from, n);
                e.skip(8 * n);
            } else if (values instanceof float[] v) {
                e.ensure(4L * n);
                e.buffer.asFloatBuffer().put(v, from, n);
                e.skip(4 * n);
            } else if (values instanceof boolean[] v) {
                e.ensure(n);
                for (int i = from; i < to; i++) {
                    e.buffer.put((byte) (v[i] ? 1 : 0));
                }
            } else if (values instanceof float[][] v) {
                e.vectors(v, from, to);
            } else if (values instanceof byte[][] v) {
                e.bytes(v, from, to);
            } else {
                String[] v = (String[]) values;
                byte[][] utf8 = new byte[n][];
                for (int i = 0; i < n; i++) {
                    utf8[i] = v[from + i] == null ? null : v[from + i].getBytes(StandardCharsets.UTF_8);
                }
                e.bytes(utf8, 0, n);
            }
        }
        e.buffer.putInt(start + 1, e.buffer.position() - start - 5);
        return e.buffer;
    }

    /** Appends into a little-endian buffer that grows as needed. */
    private static final class Encoder {
        private ByteBuffer buffer;

        Encoder(ByteBuffer buffer) {
            this.buffer = buffer.order(ByteOrder.LITTLE_ENDIAN);
        }

        void skip(int bytes) {
            buffer.position(buffer.position() + bytes);
        }

        void bitmap(Batch batch, String name, int from, int to) {
            int bytes = (to - from + 7) / 8;
            ensure(bytes);
            byte[] bits = new byte[bytes];
            BitSet nulls = batch.nulls(name);
            int firstNull = nulls.nextSetBit(from);
            if (firstNull < 0 || firstNull >= to) {
                // The usual case, a column without nulls, set a byte at a time.
                Arrays.fill(bits, (byte) 0xFF);
                int tail = (to - from) & 7;
                if (tail != 0) {
                    bits[bytes - 1] = (byte) ((1 << tail) - 1);
                }
            } else {
                for (int i = from; i < to; i++) {
                    if (!nulls.get(i)) {
                        bits[(i - from) >> 3] |= (byte) (1 << ((i - from) & 7));
                    }
                }
            }
            buffer.put(bits);
        }

        void vectors(float[][] v, int from, int to) {
            offsets(v, from, to, Float.BYTES, vector -> vector.length);
            for (int i = from; i < to; i++) {
                if (v[i] != null) {
                    buffer.asFloatBuffer().put(v[i]);
                    skip(4 * v[i].length);
                }
            }
        }

        void bytes(byte[][] v, int from, int to) {
            offsets(v, from, to, 1, value -> value.length);
            for (int i = from; i < to; i++) {
                if (v[i] != null) {
                    buffer.put(v[i]);
                }
            }
        }

        /**
         * Makes room for values {@code from..to} and writes their running offsets, counted in elements
         * (a null value has none); the elements themselves follow.
         */
        private <T> void offsets(T[] values, int from, int to, int elementBytes, ToIntFunction<T> length) {
            long total = 0;
            for (int i = from; i < to; i++) {
                total += values[i] == null ? 0 : length.applyAsInt(values[i]);
            }
            ensure(4L * (to - from + 1) + elementBytes * total);
            int offset = 0;
            buffer.putInt(offset);
            for (int i = from; i < to; i++) {
                offset += values[i] == null ? 0 : length.applyAsInt(values[i]);
                buffer.putInt(offset);
            }
        }

        /** Grows the buffer to hold {@code more} bytes past its position. */
        void ensure(long more) {
            long needed = buffer.position() + more;
            if (needed <= buffer.capacity()) {
                return;
            }
            if (needed > Integer.MAX_VALUE - 16) {
                throw new TableError("A batch frame of this size would be over 2 GB; use smaller batches");
            }
            long grown = Math.max(needed, Math.min((long) buffer.capacity() * 2, Integer.MAX_VALUE - 16));
            ByteBuffer bigger = ByteBuffer.allocate((int) grown).order(ByteOrder.LITTLE_ENDIAN);
            buffer.flip();
            bigger.put(buffer);
            buffer = bigger;
        }
    }

    /**
     * Decodes a batch frame's payload; {@code json} and {@code utf8} columns become {@code String[]}.
     *
     * @throws IOException when the payload does not hold what the encodings say
     */
    public static Batch decode(byte[] payload, String[] columns, String[] encodings) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
        try {
            int n = b.getInt();
            if (n < 0 || (columns.length > 0 && n > 8L * b.remaining())) {
                throw new IOException("a batch frame of " + payload.length + " bytes cannot hold " + n + " rows");
            }
            Batch.Builder out = Batch.builder();
            for (int c = 0; c < columns.length; c++) {
                byte[] bitmap = new byte[(n + 7) / 8];
                b.get(bitmap);
                BitSet nulls = new BitSet();
                for (int at = 0; at < bitmap.length; at++) {
                    // Whole bytes of valid rows (the usual case) are skipped; bits past n are ignored.
                    if (bitmap[at] != (byte) 0xFF) {
                        for (int i = at * 8; i < Math.min(n, at * 8 + 8); i++) {
                            if ((bitmap[at] & (1 << (i & 7))) == 0) {
                                nulls.set(i);
                            }
                        }
                    }
                }
                out.column(columns[c], values(encodings[c], b, n, nulls), nulls);
            }
            if (b.hasRemaining()) {
                throw new IOException(b.remaining() + " bytes left over after a batch frame's columns");
            }
            return out.build();
        } catch (java.nio.BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException | NegativeArraySizeException e) {
            throw new IOException("a batch frame is shorter than its columns: " + e, e);
        }
    }

    private static Object values(String encoding, ByteBuffer b, int n, BitSet nulls) throws IOException {
        // Checked before allocating, so a bad row count cannot ask for more memory than the frame's size.
        int width = switch (encoding) {
            case "int64", "float64" -> 8;
            case "float32", "vector", "utf8", "json", "binary" -> 4;
            default -> 1;
        };
        if ((long) width * n > b.remaining()) {
            throw new IOException("a batch frame is shorter than its " + encoding + " column of " + n + " rows");
        }
        switch (encoding) {
            case "int64" -> {
                long[] v = new long[n];
                b.asLongBuffer().get(v);
                b.position(b.position() + 8 * n);
                return v;
            }
            case "float64" -> {
                double[] v = new double[n];
                b.asDoubleBuffer().get(v);
                b.position(b.position() + 8 * n);
                return v;
            }
            case "float32" -> {
                float[] v = new float[n];
                b.asFloatBuffer().get(v);
                b.position(b.position() + 4 * n);
                return v;
            }
            case "bool" -> {
                boolean[] v = new boolean[n];
                for (int i = 0; i < n; i++) {
                    v[i] = b.get() != 0;
                }
                return v;
            }
            case "vector" -> {
                int[] offsets = offsets(b, n);
                float[][] v = new float[n][];
                for (int i = 0; i < n; i++) {
                    float[] row = new float[offsets[i + 1] - offsets[i]];
                    b.asFloatBuffer().get(row);
                    b.position(b.position() + 4 * row.length);
                    v[i] = nulls.get(i) ? null : row;
                }
                return v;
            }
            case "binary" -> {
                int[] offsets = offsets(b, n);
                byte[][] v = new byte[n][];
                for (int i = 0; i < n; i++) {
                    byte[] bytes = new byte[offsets[i + 1] - offsets[i]];
                    b.get(bytes);
                    v[i] = nulls.get(i) ? null : bytes;
                }
                return v;
            }
            case "utf8", "json" -> {
                int[] offsets = offsets(b, n);
                String[] v = new String[n];
                for (int i = 0; i < n; i++) {
                    byte[] bytes = new byte[offsets[i + 1] - offsets[i]];
                    b.get(bytes);
                    v[i] = nulls.get(i) ? null : new String(bytes, StandardCharsets.UTF_8);
                }
                return v;
            }
            default -> throw new IOException("unknown column encoding '" + encoding + "'");
        }
    }

    private static int[] offsets(ByteBuffer b, int n) throws IOException {
        int[] offsets = new int[n + 1];
        b.asIntBuffer().get(offsets);
        b.position(b.position() + 4 * (n + 1));
        for (int i = 0; i < n; i++) {
            if (offsets[i + 1] < offsets[i]) {
                throw new IOException("decreasing offsets in a batch frame");
            }
        }
        if (offsets[0] != 0 || (long) offsets[n] > b.remaining()) {
            throw new IOException("a batch frame's offsets point past its end");
        }
        return offsets;
    }
}
