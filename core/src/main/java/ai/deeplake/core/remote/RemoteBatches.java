package ai.deeplake.core.remote;

import ai.deeplake.Row;
import ai.deeplake.api.Batch;
import ai.deeplake.api.ManagedServiceError;
import ai.deeplake.core.BatchCursor;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;

/**
 * Reads the server's batch stream ({@code /tables/stream}): JSON lines, each a columnar batch
 * {@code {"columns": [...], "column_types": [...], "rows": [[...], ...]}}, turned into {@link Batch}es
 * with the same array types the embedded engine gives.
 */
final class RemoteBatches implements BatchCursor {
    private final BufferedReader lines;
    private final AutoCloseable response;
    private JsonNode nextLine;

    RemoteBatches(BufferedReader lines, AutoCloseable response) {
        this.lines = lines;
        this.response = response;
        advance();
    }

    private void advance() {
        try {
            String line;
            do {
                line = lines.readLine();
            } while (line != null && line.isBlank());
            nextLine = line == null ? null : ApiClient.JSON.readTree(line);
            if (nextLine != null && nextLine.path("done").asBoolean(false)) {
                // The server's closing line ({"done": true, "row_count": N}): no more batches.
                nextLine = null;
            }
            if (nextLine != null && nextLine.hasNonNull("error")) {
                String error = nextLine.get("error").asText();
                close();
                throw new ai.deeplake.api.TableError(error);
            }
        } catch (IOException e) {
            close();
            throw new ManagedServiceError("Reading the batch stream failed: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean hasNext() {
        return nextLine != null;
    }

    @Override
    public Batch next() {
        if (nextLine == null) {
            throw new NoSuchElementException();
        }
        Batch batch = batch(nextLine);
        advance();
        return batch;
    }

    static Batch batch(JsonNode answer) {
        List<Row> rows = RemoteBackend.rows(answer);
        JsonNode columns = answer.path("columns");
        JsonNode types = answer.path("column_types");
        Batch.Builder b = Batch.builder();
        for (int c = 0; c < columns.size(); c++) {
            String name = columns.get(c).asText();
            String type = types.isArray() && types.size() > c ? types.get(c).asText("").toUpperCase(Locale.ROOT) : "";
            BitSet nulls = new BitSet();
            b.column(name, column(name, type, rows, nulls), nulls);
        }
        return b.build();
    }

    /** @return one column as the array its type calls for (see {@code ResultBatches} for the embedded twin) */
    private static Object column(String name, String type, List<Row> rows, BitSet nulls) {
        int n = rows.size();
        for (int i = 0; i < n; i++) {
            if (rows.get(i).get(name) == null) {
                nulls.set(i);
            }
        }
        if (type.endsWith("]") || type.startsWith("EMBEDDING")) {
            float[][] out = new float[n][];
            for (int i = 0; i < n; i++) {
                out[i] = rows.get(i).getFloatArray(name);
            }
            return out;
        }
        switch (type) {
            case "INT64", "INT32", "BIGINT", "INTEGER", "CLASS_LABEL" -> {
                long[] out = new long[n];
                for (int i = 0; i < n; i++) {
                    out[i] = nulls.get(i) ? 0 : rows.get(i).getLong(name);
                }
                return out;
            }
            case "FLOAT64", "DOUBLE" -> {
                double[] out = new double[n];
                for (int i = 0; i < n; i++) {
                    out[i] = nulls.get(i) ? 0 : rows.get(i).getDouble(name);
                }
                return out;
            }
            case "FLOAT32", "FLOAT" -> {
                float[] out = new float[n];
                for (int i = 0; i < n; i++) {
                    out[i] = nulls.get(i) ? 0 : rows.get(i).getFloat(name);
                }
                return out;
            }
            case "BOOL", "BOOLEAN" -> {
                boolean[] out = new boolean[n];
                for (int i = 0; i < n; i++) {
                    out[i] = !nulls.get(i) && rows.get(i).getBoolean(name);
                }
                return out;
            }
            case "BINARY", "BLOB", "BYTEA", "IMAGE", "VIDEO" -> {
                byte[][] out = new byte[n][];
                for (int i = 0; i < n; i++) {
                    out[i] = rows.get(i).getBytes(name);
                }
                return out;
            }
            default -> {
                String[] out = new String[n];
                for (int i = 0; i < n; i++) {
                    out[i] = rows.get(i).getString(name);
                }
                return out;
            }
        }
    }

    @Override
    public void close() {
        nextLine = null;
        try {
            response.close();
        } catch (Exception e) {
            throw new ManagedServiceError("Closing the batch stream failed: " + e.getMessage(), e);
        }
    }
}
