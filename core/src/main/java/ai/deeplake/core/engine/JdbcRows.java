package ai.deeplake.core.engine;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/** Rows of a JDBC result set: any DuckDB type, one getter call per value. */
final class JdbcRows implements RowSource {
    private final ResultSet rs;

    JdbcRows(ResultSet rs) {
        this.rs = rs;
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
        Object[] values = new Object[rs.getMetaData().getColumnCount()];
        for (int i = 0; i < values.length; i++) {
            values[i] = ResultRows.value(rs.getObject(i + 1));
        }
        return values;
    }

    @Override
    public int fill(ColumnArrays columns, int row, int max) throws SQLException {
        int n = row;
        while (n < max && rs.next()) {
            columns.read(rs, n++);
        }
        return n;
    }

    @Override
    public void close() throws SQLException {
        rs.close();
    }
}
