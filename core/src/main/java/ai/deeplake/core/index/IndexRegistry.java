package ai.deeplake.core.index;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The workspace's list of {@code deeplake_index}es, a table in its DuckDB database, so that it changes
 * in the same transactions as the tables (a dropped table's indexes go with it). Names of tables and
 * columns match case-insensitively, as DuckDB's do.
 */
final class IndexRegistry {
    static final String TABLE = "_deeplake_indexes";

    /** A registry row: the index without its kind, which follows from the column's type. */
    record Entry(String name, String table, String column) {
    }

    private IndexRegistry() {
    }

    static void create(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + TABLE
                    + " (table_name VARCHAR, column_name VARCHAR, index_name VARCHAR, PRIMARY KEY (table_name, column_name))");
        }
    }

    static List<Entry> all(Connection c) throws SQLException {
        return select(c, "", List.of());
    }

    static List<Entry> ofTable(Connection c, String table) throws SQLException {
        return select(c, " WHERE lower(table_name) = lower(?)", List.of(table));
    }

    static Optional<Entry> find(Connection c, String table, String column) throws SQLException {
        return select(c, " WHERE lower(table_name) = lower(?) AND lower(column_name) = lower(?)", List.of(table, column))
                .stream().findFirst();
    }

    static Optional<Entry> named(Connection c, String name) throws SQLException {
        return select(c, " WHERE index_name = ?", List.of(name)).stream().findFirst();
    }

    static void add(Connection c, Entry entry) throws SQLException {
        update(c, "INSERT INTO " + TABLE + " VALUES (?, ?, ?)", List.of(entry.table(), entry.column(), entry.name()));
    }

    static void remove(Connection c, Entry entry) throws SQLException {
        update(c, "DELETE FROM " + TABLE + " WHERE index_name = ?", List.of(entry.name()));
    }

    static void removeTable(Connection c, String table) throws SQLException {
        update(c, "DELETE FROM " + TABLE + " WHERE lower(table_name) = lower(?)", List.of(table));
    }

    private static List<Entry> select(Connection c, String where, List<String> args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT index_name, table_name, column_name FROM " + TABLE + where
                + " ORDER BY table_name, column_name")) {
            bind(ps, args);
            List<Entry> entries = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(new Entry(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
            return entries;
        }
    }

    private static void update(Connection c, String sql, List<String> args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            ps.executeUpdate();
        }
    }

    private static void bind(PreparedStatement ps, List<String> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            ps.setString(i + 1, args.get(i));
        }
    }
}
