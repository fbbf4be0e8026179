package ai.deeplake.core.engine;

import ai.deeplake.api.TableError;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/** Binds {@code $n} parameter values to a DuckDB statement; vectors become FLOAT lists. */
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
        } else if (value instanceof String || value instanceof Boolean || value instanceof Long || value instanceof Integer
                || value instanceof Double || value instanceof Float || value instanceof Short || value instanceof java.math.BigDecimal) {
            ps.setObject(index, value);
        } else if (value instanceof byte[] bytes) {
            ps.setBytes(index, bytes);
        } else if (value instanceof float[] || value instanceof double[] || value instanceof List<?>) {
            ps.setArray(index, c.createArrayOf("FLOAT", boxed(vector(value, index))));
        } else if (value instanceof float[][] matrix) {
            Object[] rows = new Object[matrix.length];
            for (int r = 0; r < matrix.length; r++) {
                rows[r] = boxed(matrix[r]);
            }
            ps.setArray(index, c.createArrayOf("FLOAT[]", rows));
        } else {
            throw new TableError("Parameter $" + index + " has unsupported type " + value.getClass().getName());
        }
    }

    /** @return a vector parameter as floats: float[], double[] or a list of numbers */
    static float[] vector(Object value, int index) {
        if (value instanceof float[] f) {
            return f;
        }
        if (value instanceof double[] d) {
            float[] out = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                out[i] = (float) d[i];
            }
            return out;
        }
        List<?> list = (List<?>) value;
        float[] out = new float[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Number n)) {
                throw new TableError("Parameter $" + index + " is a list but item " + i + " is not a number");
            }
            out[i] = n.floatValue();
        }
        return out;
    }

    private static Float[] boxed(float[] v) {
        Float[] out = new Float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }
}
