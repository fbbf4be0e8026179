package ai.deeplake.server;

import ai.deeplake.api.Batch;
import ai.deeplake.core.engine.StatementResult;
import ai.deeplake.core.remote.FrameCodec;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The streaming endpoint as length-prefixed binary frames ({@value FrameCodec#CONTENT_TYPE}, layout
 * in {@link FrameCodec}), which the SDK's batch reader asks for. Batches are read from DuckDB with
 * typed getters into primitive arrays and written as they are, so no value is boxed on the way; a
 * column's encoding is that of the array its kind reads into (the header goes out with the first
 * batch, when those are known), and columns of other types travel as their text.
 */
final class FrameFormat implements BatchFormat {
    static final String CONTENT_TYPE = FrameCodec.CONTENT_TYPE;

    /**
     * Batch frames are gathered and written 64 KB or more at a time, which the response's buffered
     * stream (64 KB) passes on without copying them into its buffer first.
     */
    private static final int WRITE_AT = 1 << 16;

    private final OutputStream out;
    private List<WireColumn> columns;
    private boolean headerSent;
    private ByteBuffer buffer = ByteBuffer.allocate(2 * WRITE_AT);

    FrameFormat(OutputStream out) {
        this.out = out;
    }

    @Override
    public String contentType() {
        return CONTENT_TYPE;
    }

    @Override
    public void start(List<WireColumn> columns) {
        this.columns = columns;
    }

    @Override
    public int batch(StatementResult result, int max, boolean always) throws IOException {
        Batch batch = result.nextBatchReusingArrays(max);
        if (batch.size() == 0 && !always) {
            return 0;
        }
        if (!headerSent) {
            header(batch);
        }
        buffer = FrameCodec.appendBatch(buffer, batch, batch.columnNames(), 0, batch.size());
        if (buffer.position() >= WRITE_AT) {
            writeBatches();
        }
        return batch.size();
    }

    private void writeBatches() throws IOException {
        out.write(buffer.array(), 0, buffer.position());
        buffer.clear();
    }

    @Override
    public void flush() throws IOException {
        writeBatches();
        out.flush();
    }

    private void header(Batch first) throws IOException {
        List<String> encodings = new ArrayList<>();
        for (String name : first.columnNames()) {
            encodings.add(FrameCodec.encoding(first.column(name)));
        }
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("columns", columns.stream().map(WireColumn::name).toList());
        header.put("column_types", columns.stream().map(WireColumn::type).toList());
        header.put("encodings", encodings);
        frame(FrameCodec.HEADER, Json.MAPPER.writeValueAsBytes(header));
        headerSent = true;
    }

    @Override
    public void end(long rowCount) throws IOException {
        frame(FrameCodec.END, Json.MAPPER.writeValueAsBytes(Map.of("row_count", rowCount)));
    }

    @Override
    public void error(ErrorMapper.Failure failure) throws IOException {
        frame(FrameCodec.ERROR, Json.MAPPER.writeValueAsBytes(failure.body()));
    }

    private void frame(byte kind, byte[] payload) throws IOException {
        writeBatches();
        FrameCodec.write(out, kind, payload, payload.length);
    }
}
