package ai.deeplake.core;

import ai.deeplake.api.TableError;
import java.util.regex.Pattern;

/** Identifier rules shared by the client, the query builder and the engines. */
public final class Sql {
    /** The engine-filled stable row identity every table has. */
    public static final String ROW_ID = "_id";
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private Sql() {}

    /** @return the identifier in double quotes, inner quotes doubled, as PostgreSQL and DuckDB read it */
    public static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** @return the text as an SQL string literal, inner quotes doubled */
    public static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /**
     * Checks a table name: letters, digits and underscores, not starting with a digit, at most 63
     * characters (PostgreSQL's limit), so that it is also a valid path segment of {@code al://} URLs.
     *
     * @return the name
     */
    public static String tableName(String name) {
        if (name == null || !TABLE_NAME.matcher(name).matches()) {
            throw new TableError("Invalid table name '" + name + "': use letters, digits and underscores, starting with a letter or underscore (at most 63)");
        }
        return name;
    }
}
