package ai.deeplake.server;

import ai.deeplake.core.engine.StatementResult;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The answer of {@code POST .../tables/query}: {@code {"columns": [...], "column_types": [...],
 * "rows": [[...], ...], "row_count": N}}, or {@code {"row_count": changed}} for a statement without
 * a result set. Built whole before it is sent, so that a failure while reading still gets a proper
 * error status; large results belong to the streaming endpoint.
 */
final class ColumnarAnswer {
    private ColumnarAnswer() {}

    static byte[] write(StatementResult result) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try (JsonGenerator g = Json.STREAMING.createGenerator(out)) {
            g.writeStartObject();
            if (result.hasRows()) {
                List<WireColumn> columns = WireColumn.of(result);
                writeColumns(g, columns);
                g.writeArrayFieldStart("rows");
                long count = 0;
                for (Object[] row = result.next(); row != null; row = result.next()) {
                    writeRow(g, columns, row);
                    count++;
                }
                g.writeEndArray();
                g.writeNumberField("row_count", count);
            } else {
                g.writeNumberField("row_count", result.changedRows());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing a query answer to memory failed", e);
        }
        return out.toByteArray();
    }

    /** Writes the {@code columns} and {@code column_types} fields. */
    static void writeColumns(JsonGenerator g, List<WireColumn> columns) throws IOException {
        g.writeArrayFieldStart("columns");
        for (WireColumn c : columns) {
            g.writeString(c.name());
        }
        g.writeEndArray();
        g.writeArrayFieldStart("column_types");
        for (WireColumn c : columns) {
            g.writeString(c.type());
        }
        g.writeEndArray();
    }

    /** Writes one row as a JSON array. */
    static void writeRow(JsonGenerator g, List<WireColumn> columns, Object[] row) throws IOException {
        g.writeStartArray();
        for (int i = 0; i < row.length; i++) {
            ValueWriter.write(g, columns.get(i).encoding(), row[i]);
        }
        g.writeEndArray();
    }
}
