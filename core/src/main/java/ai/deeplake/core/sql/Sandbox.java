package ai.deeplake.core.sql;

import ai.deeplake.api.TableError;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.TableFunction;

/**
 * Keeps user SQL inside the workspace: it may name the workspace's own tables and call ordinary
 * functions, nothing that reads files, the environment, settings or other databases.
 *
 * <p>Rules, checked on every node of the statement (see {@link AstNodes}):
 * <ul>
 *   <li>a table is unqualified or in schema {@code main}; {@code information_schema} may be read
 *       (it is read-only and describes this DuckDB database only — the engine must therefore keep one
 *       workspace per DuckDB database); DuckDB's and PostgreSQL's system views ({@code duckdb_*},
 *       {@code pragma_*}, {@code sqlite_*}, {@code pg_*}) are refused, and so are file-like names
 *       ({@code FROM 'data.csv'} is a file scan in DuckDB);</li>
 *   <li>a table function in {@code FROM} is one of {@code range}, {@code generate_series},
 *       {@code unnest};</li>
 *   <li>no function that touches files, the environment, settings, secrets or the catalog
 *       ({@code read_*}, {@code parquet_*}, {@code glob}, {@code getenv}, {@code current_setting},
 *       {@code duckdb_*}, {@code pragma_*}...), and no function qualified with a schema other than
 *       {@code main}.</li>
 * </ul>
 * DuckDB itself runs with {@code enable_external_access=false} as a second wall.
 */
final class Sandbox {
    private static final String DEFAULT_SCHEMA = "main";
    private static final String READ_ONLY_SCHEMA = "information_schema";
    private static final Set<String> TABLE_FUNCTIONS = Set.of("range", "generate_series", "unnest");
    private static final Set<String> REFUSED_FUNCTIONS = Set.of(
            "glob", "sniff_csv", "getenv", "current_setting", "query", "query_table", "checkpoint",
            "force_checkpoint", "which_secret", "write_log", "json_execute_serialized_sql",
            "json_serialize_plan", "truncate_duckdb_logs", "arrow_scan", "arrow_scan_dumb", "seq_scan",
            "summary", "load_aws_credentials");
    private static final List<String> REFUSED_FUNCTION_PREFIXES = List.of(
            "read_", "parquet_", "duckdb_", "pragma_", "sqlite_", "postgres_", "mysql_", "iceberg_",
            "delta_", "enable_", "disable_", "register_external", "deregister_external", "create_external",
            "destroy_external");
    private static final List<String> SYSTEM_TABLE_PREFIXES = List.of("duckdb_", "pragma_", "sqlite_", "pg_");
    /** Characters that make DuckDB treat a table name as a file path or glob (a "replacement scan"). */
    private static final String FILE_NAME_CHARACTERS = "./\\:*?";

    private Sandbox() {
    }

    /**
     * @param nodes every node of one statement
     * @throws TableError naming the first construct that leaves the workspace
     */
    static void check(List<Object> nodes) {
        for (Object node : nodes) {
            if (node instanceof TableFunction tableFunction) {
                checkTableFunction(tableFunction);
            } else if (node instanceof Table table) {
                checkTable(table);
            } else if (node instanceof Function function) {
                checkFunction(function.getMultipartName());
            } else if (node instanceof AnalyticExpression analytic && analytic.getName() != null) {
                checkFunction(List.of(analytic.getName()));
            }
        }
    }

    /**
     * Checks the table a statement writes or defines: the rules of {@link #check} and not
     * {@code information_schema}.
     */
    static void requireOwnTable(Table table) {
        if (table == null) {
            // JSqlParser accepts a bare "DELETE" or "DROP TABLE" without a name.
            throw new TableError("The statement names no table");
        }
        checkTable(table);
        if (table.getSchemaName() != null && !SqlNames.key(table.getSchemaName()).equals(DEFAULT_SCHEMA)) {
            throw new TableError("Table " + table.getFullyQualifiedName() + " is read-only: statements may"
                    + " only change the workspace's own tables");
        }
    }

    private static void checkTable(Table table) {
        String written = table.getName();
        if (written == null) {
            return; // A column without a table qualifier.
        }
        if (written.startsWith("'")) {
            throw new TableError("Reading files from SQL is not allowed: FROM " + written);
        }
        String name = SqlNames.key(written);
        if (table.getDatabaseName() != null || table.getCatalogName() != null) {
            throw new TableError("Table " + table.getFullyQualifiedName() + " is not allowed: SQL may only"
                    + " use the workspace's own tables, not another database");
        }
        String schema = table.getSchemaName() == null ? null : SqlNames.key(table.getSchemaName());
        if (schema != null && !schema.equals(DEFAULT_SCHEMA) && !schema.equals(READ_ONLY_SCHEMA)) {
            throw new TableError("Table " + table.getFullyQualifiedName() + " is not allowed: SQL may only"
                    + " use the workspace's own tables (schema main) and information_schema");
        }
        if (name.chars().anyMatch(c -> FILE_NAME_CHARACTERS.indexOf(c) >= 0)) {
            throw new TableError("Table name " + written + " is not allowed: it looks like a file path, and"
                    + " reading files from SQL is not allowed");
        }
        if (SYSTEM_TABLE_PREFIXES.stream().anyMatch(name::startsWith)) {
            throw new TableError("System table " + written + " is not allowed: SQL may only use the"
                    + " workspace's own tables");
        }
    }

    private static void checkTableFunction(TableFunction tableFunction) {
        for (Function function : tableFunction.getFunctions()) {
            List<String> parts = function.getMultipartName();
            String name = SqlNames.key(parts.get(parts.size() - 1));
            if (!TABLE_FUNCTIONS.contains(name)) {
                throw new TableError("Table function " + name + "() is not allowed in FROM: only "
                        + String.join(", ", TABLE_FUNCTIONS.stream().sorted().toList()) + " may be used");
            }
        }
    }

    private static void checkFunction(List<String> multipartName) {
        if (multipartName == null || multipartName.isEmpty() || multipartName.stream().anyMatch(Objects::isNull)) {
            return; // No name, nothing to call.
        }
        String name = SqlNames.key(multipartName.get(multipartName.size() - 1));
        if (multipartName.size() > 2
                || multipartName.size() == 2 && !SqlNames.key(multipartName.get(0)).equals(DEFAULT_SCHEMA)) {
            throw new TableError("Function " + String.join(".", multipartName) + "() is not allowed: only"
                    + " unqualified functions may be called");
        }
        if (REFUSED_FUNCTIONS.contains(name) || REFUSED_FUNCTION_PREFIXES.stream().anyMatch(name::startsWith)) {
            throw new TableError("Function " + name + "() is not allowed: SQL may not read files, the"
                    + " environment, settings or the database catalog");
        }
    }
}
