package ai.deeplake.core.engine;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import org.duckdb.DuckDBChunkedResult;
import org.duckdb.DuckDBDataChunkReader;

/**
 * Rows read straight from a DuckDB result's data chunks (up to 2048 rows each, in native memory),
 * for results whose every column has a {@link ColumnArrays.ChunkGetter}: the values are read off the
 * chunk's memory without the per-value checks of the JDBC result set.
 */
final class ChunkRows implements RowSource {
    private final DuckDBChunkedResult result;
    private final ResultSetMetaData metaData;
    private final ColumnArrays.ChunkGetter[] getters;
    private DuckDBDataChunkReader chunk;
    /** The next row of {@link #chunk} to read, and its row count. */
    private int position;
    private int chunkRows;
    private boolean done;

    ChunkRows(DuckDBChunkedResult result, ResultSetMetaData metaData, ColumnArrays.ChunkGetter[] getters) {
        this.result = result;
        this.metaData = metaData;
        this.getters = getters;
    }

    @Override
    public ResultSetMetaData metaData() {
        return metaData;
    }

    @Override
    public Object[] nextRow() throws SQLException {
        if (!available()) {
            return null;
        }
        Object[] values = new Object[getters.length];
        for (int c = 0; c < values.length; c++) {
            values[c] = ColumnArrays.value(chunk, getters[c], c, position);
        }
        position++;
        return values;
    }

    @Override
    public int fill(ColumnArrays columns, int row, int max) throws SQLException {
        int n = row;
        while (n < max && available()) {
            int take = Math.min(max - n, chunkRows - position);
            columns.read(chunk, getters, position, take, n);
            position += take;
            n += take;
        }
        return n;
    }

    /** @return whether a row is left, fetching the next chunk when this one is read */
    private boolean available() throws SQLException {
        while (!done && position >= chunkRows) {
            if (next()) {
                chunk = result.chunk();
                chunkRows = Math.toIntExact(chunk.rowCount());
                position = 0;
            } else {
                done = true;
            }
        }
        return !done;
    }

    /** The driver throws its SQLException from {@code nextChunk} undeclared (a failure in a later part of the query). */
    private boolean next() throws SQLException {
        try {
            return result.nextChunk();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw e instanceof SQLException sql ? sql : new SQLException(e.getMessage(), e);
        }
    }

    @Override
    public void close() throws SQLException {
        done = true;
        chunk = null;
        result.close();
    }
}
