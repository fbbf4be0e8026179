package ai.deeplake.core.index;

import ai.deeplake.core.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * A DuckDB (ART) index on {@code _id} of every table that has a search index. A search fetches its
 * candidate rows with {@code _id IN (...)}; without this DuckDB scans the whole {@code _id} column for
 * them (measured, 1M rows: ~15 ms against ~2 ms for 100 ids).
 *
 * <p>DuckDB refuses to rename or drop columns of, or rename, a table that has an index
 * ("Cannot alter entry ... because there are entries that depend on it"), so the engine drops this
 * index around such statements and makes it again after.
 */
final class IdLookup {
    private IdLookup() {
    }

    static void create(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE INDEX IF NOT EXISTS " + name(table) + " ON " + Sql.quote(table) + " ("
                    + Sql.quote(Sql.ROW_ID) + ")");
        }
    }

    static void drop(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP INDEX IF EXISTS " + name(table));
        }
    }

    private static String name(String table) {
        return Sql.quote("_deeplake_id_" + table.toLowerCase(Locale.ROOT));
    }
}
