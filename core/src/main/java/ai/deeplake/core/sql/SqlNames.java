package ai.deeplake.core.sql;

import java.util.Locale;

/** Identifier spelling helpers shared by the translator's parts. */
final class SqlNames {
    private SqlNames() {
    }

    /** @return the identifier without its surrounding double quotes or backticks, case kept */
    static String unquote(String identifier) {
        String name = identifier.trim();
        boolean quoted = name.length() >= 2 && (name.startsWith("\"") && name.endsWith("\"")
                || name.startsWith("`") && name.endsWith("`"));
        if (!quoted) {
            return name;
        }
        // Inside quotes a doubled quote character stands for one.
        String mark = name.substring(0, 1);
        return name.substring(1, name.length() - 1).replace(mark + mark, mark);
    }

    /**
     * @return the identifier as DuckDB resolves it: unquoted and lower-case (DuckDB matches names
     *     case-insensitively, quoted or not)
     */
    static String key(String identifier) {
        return unquote(identifier).toLowerCase(Locale.ROOT);
    }
}
