package ai.deeplake.formats.huggingface;

import ai.deeplake.api.Batch;
import ai.deeplake.api.ColumnType;
import ai.deeplake.api.IngestError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.duckdb.DuckDBDriver;

/**
 * Reads the downloaded Parquet files of one dataset with an in-memory DuckDB, streaming the rows
 * out in batches of at most {@link #BATCH_ROWS} rows or about {@link #BATCH_BYTES} of binary data.
 * One reader serves one ingest: it remembers each EMBEDDING column's length to reject ragged rows
 * across files.
 */
final class ParquetReader implements AutoCloseable {
    static final int BATCH_ROWS = 2000;
    /** Image datasets: 2000 rows of 100 KB images would be 200 MB in one batch. */
    static final long BATCH_BYTES = 64L << 20;
    /** The column telling which split a row came from. */
    static final String SPLIT_COLUMN = "split";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String dataset;
    private final Connection connection;
    private final Map<String, Integer> vectorLengths = new HashMap<>();

    ParquetReader(String dataset) {
        this.dataset = dataset;
        Properties config = new Properties();
        config.setProperty("jdbc_stream_results", "true");
        try {
            // The driver directly, not DriverManager: inside a plugin class loader DriverManager may not see it.
            this.connection = new DuckDBDriver().connect("jdbc:duckdb:", config);
        } catch (SQLException e) {
            throw new IngestError("HuggingFace dataset '" + dataset + "': cannot start DuckDB to read Parquet: " + e.getMessage(), e);
        }
    }

    /**
     * @return how each column of the file is read, in the file's order
     * @throws IngestError when the file cannot be read or has a column named like one the format adds
     */
    List<ColumnPlan> plan(Path file) {
        JsonNode features = features(file);
        List<ColumnPlan> plan = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("DESCRIBE SELECT * FROM read_parquet(" + literal(file) + ")")) {
            while (rs.next()) {
                String name = rs.getString("column_name");
                plan.add(ColumnPlan.of(dataset, name, rs.getString("column_type"), features.get(name)));
            }
        } catch (SQLException e) {
            throw unreadable(file, e);
        }
        List<String> names = plan.stream().map(ColumnPlan::name).toList();
        for (ColumnPlan c : plan) {
            if (c.type() == ColumnType.CLASS_LABEL && names.contains(ColumnPlan.labelNameColumn(c.name()))) {
                throw new IngestError("HuggingFace dataset '" + dataset + "': column '" + ColumnPlan.labelNameColumn(c.name())
                        + "' clashes with the label names column of '" + c.name() + "'");
            }
        }
        if (names.contains(SPLIT_COLUMN)) {
            throw new IngestError("HuggingFace dataset '" + dataset + "': the dataset has a column '" + SPLIT_COLUMN
                    + "', which clashes with the column the format adds to tell the splits apart");
        }
        return plan;
    }

    /** @return the {@code info.features} object of the file's {@code huggingface} key-value metadata, or an empty object */
    private JsonNode features(Path file) {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT decode(value) FROM parquet_kv_metadata(" + literal(file)
                        + ") WHERE decode(key) = 'huggingface'")) {
            if (!rs.next()) {
                return JSON.createObjectNode();
            }
            return JSON.readTree(rs.getString(1)).path("info").path("features");
        } catch (SQLException e) {
            throw unreadable(file, e);
        } catch (IOException e) {
            throw new IngestError("HuggingFace dataset '" + dataset + "': " + file + " has 'huggingface' metadata that is not JSON: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Streams a file's rows out as batches: the planned columns (a CLASS_LABEL followed by its
     * names column) and {@link #SPLIT_COLUMN}.
     *
     * @param maxRows rows to read at most
     * @return the rows read
     */
    long read(Path file, List<ColumnPlan> plan, String split, long maxRows, Consumer<Batch> out) {
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < plan.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(plan.get(i).select());
        }
        sql.append(" FROM read_parquet(").append(literal(file)).append(") LIMIT ").append(maxRows);
        long rows = 0;
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql.toString())) {
            Buffer buffer = new Buffer(plan);
            while (rs.next()) {
                buffer.add(rs);
                rows++;
                if (buffer.full()) {
                    out.accept(buffer.drain(split));
                }
            }
            if (buffer.count > 0) {
                out.accept(buffer.drain(split));
            }
        } catch (SQLException e) {
            throw unreadable(file, e);
        }
        return rows;
    }

    private IngestError unreadable(Path file, SQLException e) {
        return new IngestError("HuggingFace dataset '" + dataset + "': cannot read Parquet file " + file + ": " + e.getMessage(), e);
    }

    private static String literal(Path file) {
        return "'" + file.toAbsolutePath().toString().replace("'", "''") + "'";
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IngestError("HuggingFace dataset '" + dataset + "': closing DuckDB failed: " + e.getMessage(), e);
        }
    }

    /** One batch being filled, column by column in the arrays a {@link Batch} holds. */
    private final class Buffer {
        private final List<ColumnPlan> plan;
        private Object[] arrays;
        private BitSet[] nulls;
        private int count;
        private long bytes;

        Buffer(List<ColumnPlan> plan) {
            this.plan = plan;
            reset();
        }

        private void reset() {
            arrays = new Object[plan.size()];
            nulls = new BitSet[plan.size()];
            for (int i = 0; i < plan.size(); i++) {
                arrays[i] = switch (plan.get(i).type().kind()) {
                    case INTEGER -> new long[BATCH_ROWS];
                    case FLOAT32 -> new float[BATCH_ROWS];
                    case FLOAT64 -> new double[BATCH_ROWS];
                    case BOOLEAN -> new boolean[BATCH_ROWS];
                    case TEXT -> new String[BATCH_ROWS];
                    case BYTES -> new byte[BATCH_ROWS][];
                    case VECTOR -> new float[BATCH_ROWS][];
                };
                nulls[i] = new BitSet();
            }
            count = 0;
            bytes = 0;
        }

        void add(ResultSet rs) throws SQLException {
            for (int i = 0; i < plan.size(); i++) {
                int at = i + 1;
                switch (plan.get(i).type().kind()) {
                    case INTEGER -> ((long[]) arrays[i])[count] = rs.getLong(at);
                    case FLOAT32 -> ((float[]) arrays[i])[count] = rs.getFloat(at);
                    case FLOAT64 -> ((double[]) arrays[i])[count] = rs.getDouble(at);
                    case BOOLEAN -> ((boolean[]) arrays[i])[count] = rs.getBoolean(at);
                    case TEXT -> ((String[]) arrays[i])[count] = rs.getString(at);
                    case BYTES -> {
                        byte[] value = rs.getBytes(at);
                        ((byte[][]) arrays[i])[count] = value;
                        bytes += value == null ? 0 : value.length;
                    }
                    case VECTOR -> ((float[][]) arrays[i])[count] = vector(plan.get(i), rs.getArray(at));
                }
                if (rs.wasNull()) {
                    nulls[i].set(count);
                }
            }
            count++;
        }

        boolean full() {
            return count == BATCH_ROWS || bytes >= BATCH_BYTES;
        }

        Batch drain(String split) {
            Batch.Builder b = Batch.builder();
            for (int i = 0; i < plan.size(); i++) {
                ColumnPlan c = plan.get(i);
                Object values = trimmed(arrays[i], count);
                b.column(c.name(), values, values instanceof Object[] ? null : nulls[i]);
                if (c.type() == ColumnType.CLASS_LABEL) {
                    b.column(ColumnPlan.labelNameColumn(c.name()), labelNames(c, (long[]) values, nulls[i]));
                }
            }
            String[] splits = new String[count];
            Arrays.fill(splits, split);
            b.column(SPLIT_COLUMN, splits);
            Batch batch = b.build();
            reset();
            return batch;
        }

        private String[] labelNames(ColumnPlan c, long[] labels, BitSet missing) {
            String[] names = new String[labels.length];
            for (int r = 0; r < labels.length; r++) {
                // -1 is HuggingFace's "no label" (test splits); it has no name.
                if (!missing.get(r) && labels[r] >= 0 && labels[r] < c.labelNames().size()) {
                    names[r] = c.labelNames().get((int) labels[r]);
                }
            }
            return names;
        }
    }

    /** @throws IngestError when the vector's length differs from the column's */
    private float[] vector(ColumnPlan column, Array array) throws SQLException {
        if (array == null) {
            return null;
        }
        Object[] values = (Object[]) array.getArray();
        float[] vector = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                throw new IngestError("HuggingFace dataset '" + dataset + "': column '" + column.name()
                        + "' has a missing value inside a vector; an EMBEDDING needs every element");
            }
            vector[i] = ((Number) values[i]).floatValue();
        }
        int expected = vectorLengths.computeIfAbsent(column.name(), n -> column.size() > 0 ? column.size() : vector.length);
        if (vector.length != expected) {
            throw new IngestError("HuggingFace dataset '" + dataset + "': column '" + column.name() + "' is ragged: a vector of "
                    + vector.length + " values after vectors of " + expected + "; an EMBEDDING has one fixed length");
        }
        return vector;
    }

    private static Object trimmed(Object array, int count) {
        int length = java.lang.reflect.Array.getLength(array);
        if (length == count) {
            return array;
        }
        Object copy = java.lang.reflect.Array.newInstance(array.getClass().getComponentType(), count);
        System.arraycopy(array, 0, copy, 0, count);
        return copy;
    }
}
