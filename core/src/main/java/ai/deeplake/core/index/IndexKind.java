package ai.deeplake.core.index;

import ai.deeplake.api.ColumnType;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** The kinds of {@code deeplake_index}: which column type each indexes and how. */
public enum IndexKind {
    /** EMBEDDING columns: an HNSW graph, nearest by cosine similarity. */
    VECTOR("HNSW, cosine") {
        @Override
        SearchIndex open(Path folder) throws IOException {
            return new VectorIndex(folder);
        }

        @Override
        Object value(ResultSet rows, int column) throws SQLException {
            Array array = rows.getArray(column);
            if (array == null) {
                return null;
            }
            Object[] elements = (Object[]) array.getArray();
            float[] vector = new float[elements.length];
            for (int i = 0; i < vector.length; i++) {
                vector[i] = elements[i] == null ? Float.NaN : ((Number) elements[i]).floatValue();
            }
            return vector;
        }
    },
    /** TEXT columns: BM25 over an inverted index. */
    TEXT("BM25") {
        @Override
        SearchIndex open(Path folder) throws IOException {
            return new TextIndex(folder);
        }

        @Override
        Object value(ResultSet rows, int column) throws SQLException {
            return rows.getString(column);
        }
    };

    private final String method;

    IndexKind(String method) {
        this.method = method;
    }

    /** @return the kind of index a column of this type gets; empty when the type cannot be indexed */
    public static Optional<IndexKind> of(ColumnType type) {
        return switch (type) {
            case EMBEDDING -> Optional.of(VECTOR);
            case TEXT -> Optional.of(TEXT);
            default -> Optional.empty();
        };
    }

    /** @return how this kind searches, for people: {@code "HNSW, cosine"}, {@code "BM25"} */
    public String method() {
        return method;
    }

    /** Opens (creating when needed) an index of this kind in {@code folder}. */
    abstract SearchIndex open(Path folder) throws IOException;

    /** @return the indexed value in column {@code column} of the current row, null for SQL NULL */
    abstract Object value(ResultSet rows, int column) throws SQLException;
}
