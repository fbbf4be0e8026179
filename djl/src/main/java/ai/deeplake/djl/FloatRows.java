package ai.deeplake.djl;

import ai.deeplake.api.Batch;
import ai.deeplake.api.TableError;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows of float32 values of one fixed width, built from named numeric columns: each scalar column
 * gives one value per row, each vector column (EMBEDDING...) its whole vector, in the order the
 * columns are named. Rows are kept in chunks of about a million floats, so no single Java array
 * has to hold a whole view and appending never copies what is already read.
 */
final class FloatRows {
    private static final int CHUNK_FLOATS = 1 << 20;

    private final List<String> columns;
    private final List<float[]> chunks = new ArrayList<>();
    /** Values each column gives per row; vectors' lengths are fixed by the first row read. */
    private int[] widths;
    private int width;
    private int chunkRows;
    private long rows;

    FloatRows(List<String> columns) {
        this.columns = List.copyOf(columns);
    }

    /** @return values per row; 0 before any row is read, vector lengths being unknown until then */
    int width() {
        return width;
    }

    /** @return rows read so far */
    long rows() {
        return rows;
    }

    /**
     * Appends every row of the batch.
     *
     * @param firstRow the position of the batch's first row in the view, for error messages
     */
    void append(Batch batch, long firstRow) {
        if (batch.size() == 0) {
            return;
        }
        if (widths == null) {
            fixWidths(batch, firstRow);
        }
        for (int r = 0; r < batch.size(); r++) {
            int at = (int) (rows % chunkRows) * width;
            if (at == 0) {
                chunks.add(new float[chunkRows * width]);
            }
            float[] chunk = chunks.get(chunks.size() - 1);
            for (int c = 0; c < columns.size(); c++) {
                at = write(batch, columns.get(c), widths[c], r, firstRow, chunk, at);
            }
            rows++;
        }
    }

    /** @return a fresh copy of row {@code index}, which must be below {@link #rows()} */
    float[] row(long index) {
        float[] out = new float[width];
        float[] chunk = chunks.get((int) (index / chunkRows));
        System.arraycopy(chunk, (int) (index % chunkRows) * width, out, 0, width);
        return out;
    }

    private void fixWidths(Batch batch, long firstRow) {
        widths = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            String name = columns.get(c);
            if (batch.column(name) instanceof float[][] vectors) {
                requireValue(batch, name, 0, firstRow);
                widths[c] = vectors[0].length;
            } else {
                widths[c] = 1;
            }
            width += widths[c];
        }
        // A chunk holds whole rows; a row wider than a chunk gets a chunk of its own.
        chunkRows = Math.max(1, CHUNK_FLOATS / Math.max(1, width));
    }

    /** @return the position after the values written */
    private static int write(Batch batch, String name, int columnWidth, int row, long firstRow, float[] to, int at) {
        requireValue(batch, name, row, firstRow);
        Object values = batch.column(name);
        if (values instanceof double[] v) {
            to[at] = (float) v[row];
        } else if (values instanceof float[] v) {
            to[at] = v[row];
        } else if (values instanceof long[] v) {
            to[at] = v[row];
        } else if (values instanceof boolean[] v) {
            to[at] = v[row] ? 1f : 0f;
        } else if (values instanceof float[][] v) {
            if (v[row].length != columnWidth) {
                throw new TableError("Column '" + name + "' has a vector of " + v[row].length + " values at row "
                        + (firstRow + row) + " but " + columnWidth + " before: a DJL record needs one length per column");
            }
            System.arraycopy(v[row], 0, to, at, columnWidth);
        } else {
            throw new TableError("Column '" + name + "' holds " + values.getClass().getSimpleName()
                    + " values: features and labels must be numbers, booleans or vectors (EMBEDDING)");
        }
        return at + columnWidth;
    }

    private static void requireValue(Batch batch, String name, int row, long firstRow) {
        if (batch.isNull(name, row)) {
            throw new TableError("Column '" + name + "' is null at row " + (firstRow + row)
                    + ": a DJL record needs a value in every feature and label column (filter with WHERE "
                    + name + " IS NOT NULL)");
        }
    }
}
