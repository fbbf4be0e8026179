package ai.deeplake.core.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.sql.Array;
import java.sql.Blob;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An in-memory DuckDB that runs translated SQL the way the engine is expected to: parameters bound as
 * {@link SqlTranslator} documents (vectors as a FLOAT[] list, 2-D vectors flattened row-major).
 */
final class DuckDbSession implements AutoCloseable {
    private final Connection connection;
    private final SqlTranslator translator = new SqlTranslator();

    DuckDbSession() {
        try {
            connection = DriverManager.getConnection("jdbc:duckdb:");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot open an in-memory DuckDB", e);
        }
    }

    Translation translate(String sql, Object... params) {
        return translator.translate(sql, Arrays.asList(params));
    }

    /** Translates a statement that must return rows, runs it and returns them. */
    List<List<Object>> query(String sql, Object... params) {
        Translation translation = translate(sql, params);
        assertEquals(Translation.Kind.QUERY, translation.kind(), "kind of " + sql);
        return rows(translation.sql(), params);
    }

    /** Translates a statement that returns no rows, runs it and returns the update count. */
    long update(String sql, Object... params) {
        Translation translation = translate(sql, params);
        assertNotNull(translation.sql(), "SQL for " + sql);
        try (PreparedStatement statement = connection.prepareStatement(translation.sql())) {
            bind(statement, params);
            return statement.executeLargeUpdate();
        } catch (SQLException e) {
            throw new AssertionError("DuckDB refused " + translation.sql() + ": " + e.getMessage(), e);
        }
    }

    /** Runs DuckDB SQL as is (to inspect what translated statements did). */
    List<List<Object>> rows(String duckDbSql, Object... params) {
        try (PreparedStatement statement = connection.prepareStatement(duckDbSql)) {
            bind(statement, params);
            try (ResultSet results = statement.executeQuery()) {
                List<List<Object>> rows = new ArrayList<>();
                int columns = results.getMetaData().getColumnCount();
                while (results.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= columns; i++) {
                        row.add(plain(results.getObject(i)));
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new AssertionError("DuckDB refused " + duckDbSql + ": " + e.getMessage(), e);
        }
    }

    /** Runs DuckDB SQL that returns no rows, as it is. */
    void execute(String duckDbSql) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(duckDbSql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the single value of a one-row, one-column query */
    Object value(String sql, Object... params) {
        List<List<Object>> rows = query(sql, params);
        assertEquals(1, rows.size(), "rows of " + sql);
        assertEquals(1, rows.get(0).size(), "columns of " + sql);
        return rows.get(0).get(0);
    }

    /** Binds values as the engine does; see the class comment of {@link SqlTranslator}. */
    private void bind(PreparedStatement statement, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object value = params[i];
            Float[] vector = flatFloats(value);
            if (value instanceof SearchPlan.SqlList list) {
                statement.setArray(i + 1, connection.createArrayOf(list.type(), list.values()));
            } else if (vector != null) {
                statement.setArray(i + 1, connection.createArrayOf("FLOAT", vector));
            } else {
                statement.setObject(i + 1, value);
            }
        }
    }

    /** @return a 1-D or 2-D vector as one row-major list of floats, or null for other values */
    private static Float[] flatFloats(Object value) {
        List<Float> floats = new ArrayList<>();
        if (value instanceof float[] || value instanceof double[]) {
            addAll(floats, value);
        } else if (value instanceof Object[] rows && (value instanceof float[][] || value instanceof double[][])) {
            for (Object row : rows) {
                addAll(floats, row);
            }
        } else if (value instanceof List<?> list && !list.isEmpty()) {
            for (Object element : list) {
                if (element instanceof Number number) {
                    floats.add(number.floatValue());
                } else {
                    addAll(floats, element);
                }
            }
        } else {
            return null;
        }
        return floats.toArray(new Float[0]);
    }

    private static void addAll(List<Float> floats, Object vector) {
        if (vector instanceof float[] values) {
            for (float v : values) {
                floats.add(v);
            }
        } else if (vector instanceof double[] values) {
            for (double v : values) {
                floats.add((float) v);
            }
        } else if (vector instanceof List<?> values) {
            values.forEach(v -> floats.add(((Number) v).floatValue()));
        } else {
            throw new IllegalArgumentException("Not a vector: " + vector);
        }
    }

    /** @return JDBC values as plain Java: BLOB as byte[], lists as List */
    private static Object plain(Object value) throws SQLException {
        if (value instanceof Blob blob) {
            return blob.getBytes(1, (int) blob.length());
        }
        if (value instanceof Array array) {
            List<Object> list = new ArrayList<>();
            for (Object element : (Object[]) array.getArray()) {
                list.add(plain(element));
            }
            return list;
        }
        return value;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
