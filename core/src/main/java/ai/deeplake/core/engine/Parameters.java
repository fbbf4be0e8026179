package ai.deeplake.core.engine;

import ai.deeplake.api.TableError;
import ai.deeplake.core.sql.SearchPlan;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Binds {@code $n} parameter values to a DuckDB statement. Vectors (float[], double[], a list of
 * numbers) become one FLOAT list; 2-D vectors are flattened row-major into one FLOAT list, which the
 * translated SQL reshapes (DuckDB JDBC cannot bind nested lists).
 */
final class Parameters {
    private Parameters() {}

    static void bind(Connection c, PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            bind(c, ps, i + 1, params.get(i));
        }
    }

    private static void bind(Connection c, PreparedStatement ps, int index, Object value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.NULL);
        } else if (value instanceof SearchPlan.SqlList list) {
            ps.setArray(index, c.createArrayOf(list.type(), list.values()));
        } else if (value instanceof byte[] bytes) {
            ps.setBytes(index, bytes);
        } else if (value instanceof float[] || value instanceof double[] || value instanceof Object[] || value instanceof List<?>) {
            List<Float> floats = new ArrayList<>();
            flatten(value, floats, index);
            ps.setArray(index, c.createArrayOf("FLOAT", floats.toArray(new Float[0])));
        } else if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            ps.setObject(index, value);
        } else {
            throw new TableError("Parameter $" + index + " has unsupported type " + value.getClass().getName());
        }
    }

    private static void flatten(Object value, List<Float> out, int index) {
        if (value instanceof float[] f) {
            for (float x : f) {
                out.add(x);
            }
        } else if (value instanceof double[] d) {
            for (double x : d) {
                out.add((float) x);
            }
        } else if (value instanceof Number n) {
            out.add(n.floatValue());
        } else if (value instanceof Object[] items) {
            for (Object item : items) {
                flatten(item, out, index);
            }
        } else if (value instanceof List<?> items) {
            for (Object item : items) {
                flatten(item, out, index);
            }
        } else {
            throw new TableError("Parameter $" + index + " is a vector holding a "
                    + (value == null ? "null" : value.getClass().getSimpleName()) + ", not numbers");
        }
    }
}
