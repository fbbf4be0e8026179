package ai.deeplake.server;

import ai.deeplake.core.engine.StatementResult;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The streaming endpoint as JSON lines ({@code application/x-ndjson}), readable with any JSON
 * library or by eye: one line per batch, {@code {"columns": [...], "column_types": [...], "rows":
 * [[...], ...]}} with the values of {@code /query}, then {@code {"done": true, "row_count": N}};
 * or, after a failure, {@code {"error": "...", "code": "..."}} as the last line.
 */
final class JsonLinesFormat implements BatchFormat {
    static final String CONTENT_TYPE = "application/x-ndjson";

    private final OutputStream out;
    private List<WireColumn> columns;

    JsonLinesFormat(OutputStream out) {
        this.out = out;
    }

    @Override
    public String contentType() {
        return CONTENT_TYPE;
    }

    @Override
    public void start(List<WireColumn> columns) {
        // Every line names its columns, so there is no header line.
        this.columns = columns;
    }

    @Override
    public int batch(StatementResult result, int max, boolean always) throws IOException {
        List<Object[]> rows = new ArrayList<>(Math.min(max, 4096));
        Object[] next;
        while (rows.size() < max && (next = result.next()) != null) {
            rows.add(next);
        }
        if (rows.isEmpty() && !always) {
            return 0;
        }
        try (JsonGenerator g = Json.STREAMING.createGenerator(out)) {
            g.writeStartObject();
            ColumnarAnswer.writeColumns(g, columns);
            g.writeArrayFieldStart("rows");
            for (Object[] row : rows) {
                ColumnarAnswer.writeRow(g, columns, row);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.write('\n');
        return rows.size();
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void end(long rowCount) throws IOException {
        try (JsonGenerator g = Json.STREAMING.createGenerator(out)) {
            g.writeStartObject();
            g.writeBooleanField("done", true);
            g.writeNumberField("row_count", rowCount);
            g.writeEndObject();
        }
        out.write('\n');
    }

    @Override
    public void error(ErrorMapper.Failure failure) throws IOException {
        try (JsonGenerator g = Json.STREAMING.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("error", failure.message());
            g.writeStringField("code", failure.code());
            g.writeEndObject();
        }
        out.write('\n');
    }
}
