package ai.deeplake.core.index;

import ai.deeplake.core.Sql;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Brings a search index up to date with its table: adds the rows it lacks, removes the rows the table
 * no longer has and, when asked, re-indexes rows whose value changed (found by comparing DuckDB's
 * hash of the value with the one stored at indexing).
 */
final class IndexSync {
    /**
     * Rows re-read by id go in lists of this many: DuckDB answers {@code _id IN (...)} from the
     * table's {@code _id} index up to 2048 values (its {@code index_scan_max_count}).
     */
    private static final int ID_BATCH = 1000;

    /**
     * What a sync changed.
     *
     * @param indexed rows added or re-indexed
     * @param removed rows removed
     */
    record Result(int indexed, int removed) {
    }

    private final Connection connection;
    private final IndexDefinition index;
    private final SearchIndex lucene;

    /**
     * @param connection reads the table (one snapshot per statement)
     * @param index the index's table and column
     * @param lucene the index to update
     */
    IndexSync(Connection connection, IndexDefinition index, SearchIndex lucene) {
        this.connection = connection;
        this.index = index;
        this.lucene = lucene;
    }

    /**
     * @param idPrefix only rows whose {@code _id} starts with it (the rows of one ingest); null for all
     * @param compareValues whether rows may have changed value, not only come and gone
     */
    Result run(String idPrefix, boolean compareValues) throws SQLException, IOException {
        Map<String, Long> indexed = lucene.contents(idPrefix);
        // Row id -> whether the index has a document of it to replace.
        Map<String, Boolean> toIndex = new HashMap<>();
        int rows = 0;
        String select = "SELECT " + Sql.quote(Sql.ROW_ID) + (compareValues ? ", " + hash() : "");
        try (PreparedStatement ps = connection.prepareStatement(select + " FROM " + Sql.quote(index.table()) + scope(idPrefix))) {
            bindScope(ps, idPrefix);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows++;
                    String id = rs.getString(1);
                    Long hash = indexed.remove(id);
                    if (hash == null || compareValues && hash != rs.getLong(2)) {
                        toIndex.put(id, hash != null);
                    }
                }
            }
        }
        for (String gone : indexed.keySet()) {
            lucene.delete(gone);
        }
        if (toIndex.size() > rows / 4) {
            readAll(idPrefix, toIndex);
        } else {
            readByIds(toIndex);
        }
        if (!toIndex.isEmpty() || !indexed.isEmpty()) {
            lucene.commit();
        }
        return new Result(toIndex.size(), indexed.size());
    }

    /** Reads every row in scope, indexing those wanted: cheaper than lists of ids when most are. */
    private void readAll(String idPrefix, Map<String, Boolean> wanted) throws SQLException, IOException {
        try (PreparedStatement ps = connection.prepareStatement(rowsSelect() + scope(idPrefix))) {
            bindScope(ps, idPrefix);
            put(ps, wanted);
        }
    }

    private void readByIds(Map<String, Boolean> wanted) throws SQLException, IOException {
        List<String> ids = new ArrayList<>(wanted.keySet());
        for (int from = 0; from < ids.size(); from += ID_BATCH) {
            String list = ids.subList(from, Math.min(ids.size(), from + ID_BATCH)).stream().map(Sql::literal)
                    .collect(Collectors.joining(", "));
            try (PreparedStatement ps = connection.prepareStatement(rowsSelect() + " WHERE "
                    + Sql.quote(Sql.ROW_ID) + " IN (" + list + ")")) {
                put(ps, wanted);
            }
        }
    }

    private void put(PreparedStatement ps, Map<String, Boolean> wanted) throws SQLException, IOException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String id = rs.getString(1);
                Boolean replace = wanted.get(id);
                if (replace != null) {
                    lucene.put(id, rs.getLong(3), index.kind().value(rs, 2), replace);
                }
            }
        }
    }

    private String rowsSelect() {
        return "SELECT " + Sql.quote(Sql.ROW_ID) + ", " + Sql.quote(index.column()) + ", " + hash() + " FROM "
                + Sql.quote(index.table());
    }

    /** DuckDB's hash of the value, folded into a signed 64-bit number. */
    private String hash() {
        return "CAST(hash(" + Sql.quote(index.column()) + ") % 9223372036854775807 AS BIGINT)";
    }

    private static String scope(String idPrefix) {
        return " WHERE " + Sql.quote(Sql.ROW_ID) + " IS NOT NULL"
                + (idPrefix == null ? "" : " AND starts_with(" + Sql.quote(Sql.ROW_ID) + ", ?)");
    }

    private static void bindScope(PreparedStatement ps, String idPrefix) throws SQLException {
        if (idPrefix != null) {
            ps.setString(1, idPrefix);
        }
    }
}
