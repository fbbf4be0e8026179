package ai.deeplake.core.engine;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/** Rows of a JDBC result set: any DuckDB type, one typed getter call per value. */
final class JdbcRows implements RowSource {
    private final ResultSet rs;
    private final int columns;

    JdbcRows(ResultSet rs) throws SQLException {
        this.rs = rs;
        this.columns = rs.getMetaData().getColumnCount();
    }

    @Override
    public ResultSetMetaData metaData() throws SQLException {
        return rs.getMetaData();
    }

    @Override
    public Object[] nextRow() throws SQLException {
        if (!rs.next()) {
            return null;
        }
        Object[] values = new Object[columns];
        for (int i = 0; i < values.length; i++) {
            values[i] = ResultRows.value(rs.getObject(i + 1));
        }
        return values;
    }

    @Override
    public int fill(ColumnArrays columns, int row, int max) throws SQLException {
        int n = row;
        while (n < max && rs.next()) {
            read(columns, n++);
        }
        return n;
    }

    /** Reads the current row into row {@code row}, with the getter of each column's kind (no boxing). */
    private void read(ColumnArrays columns, int row) throws SQLException {
        for (int c = 0; c < columns.columnCount(); c++) {
            int i = c + 1;
            Object column = columns.array(c);
            switch (columns.kind(c)) {
                case LONG -> ((long[]) column)[row] = rs.getLong(i);
                case DOUBLE -> ((double[]) column)[row] = rs.getDouble(i);
                case FLOAT -> ((float[]) column)[row] = rs.getFloat(i);
                case BOOLEAN -> ((boolean[]) column)[row] = rs.getBoolean(i);
                case BYTES -> ((byte[][]) column)[row] = rs.getBytes(i);
                case VECTOR -> ((float[][]) column)[row] = floats(rs.getArray(i));
                case TEXT -> ((String[]) column)[row] = rs.getString(i);
            }
            if (rs.wasNull()) {
                columns.nulls(c).set(row);
            }
        }
    }

    private static float[] floats(Array array) throws SQLException {
        if (array == null) {
            return null;
        }
        Object[] boxed = (Object[]) array.getArray();
        float[] out = new float[boxed.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = boxed[i] == null ? Float.NaN : ((Number) boxed[i]).floatValue();
        }
        return out;
    }

    @Override
    public void close() throws SQLException {
        rs.close();
    }
}
