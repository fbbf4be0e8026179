package ai.deeplake.core.remote;

import ai.deeplake.api.Batch;
import ai.deeplake.api.Schema;
import ai.deeplake.api.Schema.Column;
import ai.deeplake.core.RowIds;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;

/**
 * Rows as binary frames ({@link FrameCodec}) to {@code POST /tables/{table}/ingest}, the optional
 * bulk path of our own server ({@value FrameCodec#INGEST_CAPABILITY} in {@code /me}): no text encoding of values, and
 * a block's rows in one call (one transaction) unless they pass {@link #CALL_BYTES}. Batches are
 * encoded as they are written, while the previous call is in flight.
 */
final class FrameWire implements RemoteTableWriter.Wire {
    /** A call is sent once this much is buffered: big enough to amortise a call, small enough for any body limit. */
    static final int CALL_BYTES = 16 << 20;
    private static final MediaType FRAMES = MediaType.get(FrameCodec.CONTENT_TYPE);
    private static final Duration CALL_TIMEOUT = Duration.ofMinutes(5);

    private final RemoteBackend backend;
    private final String table;
    private final List<Column> columns;
    private final RowIds ids;
    private ByteBuffer frames = ByteBuffer.allocate(1 << 20);
    private List<String> callColumns;
    private List<String> callEncodings;
    private long callFirstRow = -1;

    FrameWire(RemoteBackend backend, String table, Schema schema, RowIds ids) {
        this.backend = backend;
        this.table = table;
        this.columns = schema.columns();
        this.ids = ids;
    }

    /** @return the schema's columns the batch has, in schema order */
    private List<String> columnsOf(Batch batch) {
        List<String> names = new ArrayList<>();
        for (Column c : columns) {
            if (batch.has(c.name())) {
                names.add(c.name());
            }
        }
        return names;
    }

    private static List<String> encodings(Batch batch, List<String> names) {
        return names.stream().map(n -> FrameCodec.encoding(batch.column(n))).toList();
    }

    @Override
    public boolean accepts(Batch batch) {
        if (isEmpty()) {
            return true;
        }
        List<String> names = columnsOf(batch);
        return names.equals(callColumns) && encodings(batch, names).equals(callEncodings);
    }

    @Override
    public void add(Batch batch, int from, int to, long firstRow) {
        if (isEmpty()) {
            callColumns = columnsOf(batch);
            callEncodings = encodings(batch, callColumns);
            callFirstRow = firstRow;
        }
        frames = FrameCodec.appendBatch(frames, batch, callColumns, from, to);
    }

    @Override
    public boolean full() {
        return frames.position() >= CALL_BYTES;
    }

    @Override
    public boolean isEmpty() {
        return callFirstRow < 0;
    }

    @Override
    public CompletableFuture<?> send() {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("columns", callColumns);
        header.put("encodings", callEncodings);
        header.put("id_prefix", ids.prefix());
        header.put("first_row", callFirstRow);
        byte[] head;
        try {
            head = ApiClient.JSON.writeValueAsBytes(header);
        } catch (IOException e) {
            throw new IllegalStateException("a frame header is plain JSON", e);
        }
        byte[] body = frames.array();
        int length = frames.position();
        // The next call encodes into a fresh buffer while this one is sent from the old.
        frames = ByteBuffer.allocate(Math.max(1 << 20, Math.min(length, CALL_BYTES + (1 << 20))));
        callFirstRow = -1;
        RequestBody request = new RequestBody() {
            @Override
            public MediaType contentType() {
                return FRAMES;
            }

            @Override
            public long contentLength() {
                return 5L + head.length + length + 5 + 2;
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                FrameCodec.write(sink.outputStream(), FrameCodec.HEADER, head, head.length);
                sink.write(body, 0, length);
                FrameCodec.write(sink.outputStream(), FrameCodec.END, new byte[] {'{', '}'}, 2);
            }
        };
        return backend.ingestFrames(table, request, CALL_TIMEOUT);
    }
}
