package ai.deeplake.core.engine;

import ai.deeplake.api.Batch;
import ai.deeplake.api.TableError;
import ai.deeplake.core.BatchCursor;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.NoSuchElementException;
import org.duckdb.DuckDBConnection;

/**
 * Reads a streaming DuckDB result into columnar batches ({@link ColumnArrays}). Owns the connection,
 * statement and result set it reads.
 */
final class ResultBatches implements BatchCursor {
    private final DuckDBConnection connection;
    private final PreparedStatement statement;
    private final ResultSet rs;
    private final int batchSize;
    private final String[] names;
    private final ColumnArrays.Kind[] kinds;
    private boolean hasRow;

    ResultBatches(DuckDBConnection connection, PreparedStatement statement, int batchSize) throws SQLException {
        this.connection = connection;
        this.statement = statement;
        this.rs = statement.executeQuery();
        this.batchSize = batchSize;
        ResultSetMetaData md = rs.getMetaData();
        names = new String[md.getColumnCount()];
        for (int c = 0; c < names.length; c++) {
            names[c] = md.getColumnLabel(c + 1);
        }
        kinds = ColumnArrays.kinds(md);
        hasRow = rs.next();
    }

    @Override
    public boolean hasNext() {
        return hasRow;
    }

    @Override
    public Batch next() {
        if (!hasRow) {
            throw new NoSuchElementException();
        }
        try {
            ColumnArrays columns = new ColumnArrays(names, kinds, batchSize);
            int n = 0;
            while (hasRow && n < batchSize) {
                columns.read(rs, n++);
                hasRow = rs.next();
            }
            return columns.build(n);
        } catch (SQLException e) {
            close();
            throw new TableError("Reading a batch failed: " + EmbeddedBackend.firstLine(e.getMessage()), e);
        }
    }

    @Override
    public void close() {
        try (connection; statement; rs) {
            hasRow = false;
        } catch (SQLException e) {
            throw new TableError("Closing a batch cursor failed: " + e.getMessage(), e);
        }
    }
}
