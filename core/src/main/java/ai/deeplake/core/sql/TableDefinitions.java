package ai.deeplake.core.sql;

import ai.deeplake.api.ColumnType;
import ai.deeplake.api.TableError;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.alter.AlterExpression;
import net.sf.jsqlparser.statement.alter.AlterOperation;
import net.sf.jsqlparser.statement.create.table.ColumnDefinition;
import net.sf.jsqlparser.statement.create.table.CreateTable;

/**
 * Prepares {@code CREATE TABLE} and {@code ALTER TABLE} for DuckDB and reports the Deeplake types of
 * the columns they declare.
 *
 * <p>Every table gets the column {@code _id VARCHAR DEFAULT (uuid()::VARCHAR)}, its stable row
 * identity, unless the statement declares {@code _id} itself; it is added last so that the declared
 * columns keep their positions. Statements that would drop or rename {@code _id} are refused.
 */
final class TableDefinitions {
    /** The row identity column every table has. */
    static final String ID_COLUMN = "_id";
    private static final String ID_COLUMN_DDL = "CREATE TABLE t (" + ID_COLUMN + " VARCHAR DEFAULT (uuid()::VARCHAR))";
    /** pg_deeplake's table access method ({@code CREATE TABLE ... USING deeplake}). */
    private static final String DEEPLAKE_ACCESS_METHOD = "deeplake";
    private static final Set<AlterOperation> ALTER_OPERATIONS = EnumSet.of(
            AlterOperation.ADD, AlterOperation.DROP, AlterOperation.RENAME, AlterOperation.RENAME_TABLE,
            AlterOperation.ALTER);

    private TableDefinitions() {
    }

    /**
     * Adds {@code _id}, drops {@code USING deeplake} and checks the table name; types are mapped later
     * with the rest of the statement.
     *
     * @return the Deeplake type of each declared column that has one, in declaration order
     */
    static Map<String, ColumnType> prepareCreate(CreateTable create) {
        if (create.getSelect() != null) {
            throw new TableError("CREATE TABLE ... AS SELECT is not supported: create the table, then"
                    + " INSERT INTO ... SELECT (every table needs its " + ID_COLUMN + " column and its default)");
        }
        if (create.getLikeTable() != null) {
            throw new TableError("CREATE TABLE ... LIKE is not supported: declare the columns");
        }
        Sandbox.requireOwnTable(create.getTable());
        List<ColumnDefinition> columns = create.getColumnDefinitions();
        if (columns == null || columns.isEmpty()) {
            throw new TableError("CREATE TABLE " + create.getTable().getName() + " declares no columns");
        }
        Map<String, ColumnType> domainTypes = new LinkedHashMap<>();
        boolean declaresId = false;
        for (ColumnDefinition column : columns) {
            String name = SqlNames.unquote(column.getColumnName());
            declaresId |= SqlNames.key(name).equals(ID_COLUMN);
            DuckDbTypes.columnType(column.getColDataType()).ifPresent(type -> domainTypes.put(name, type));
        }
        if (!declaresId) {
            List<ColumnDefinition> withId = new ArrayList<>(columns);
            withId.add(idColumn());
            create.setColumnDefinitions(withId);
        }
        removeDeeplakeAccessMethod(create);
        return Collections.unmodifiableMap(domainTypes);
    }

    /**
     * Checks the operations ({@code ADD/DROP/RENAME COLUMN}, {@code ALTER COLUMN}, {@code RENAME TO})
     * and the table name.
     *
     * @return the Deeplake type of each column added or retyped that has one
     */
    static Map<String, ColumnType> prepareAlter(Alter alter) {
        Sandbox.requireOwnTable(alter.getTable());
        Map<String, ColumnType> domainTypes = new LinkedHashMap<>();
        for (AlterExpression change : alter.getAlterExpressions()) {
            AlterOperation operation = change.getOperation();
            if (!ALTER_OPERATIONS.contains(operation)) {
                throw new TableError("ALTER TABLE ... " + operation.name().replace('_', ' ')
                        + " is not supported: only ADD, DROP, RENAME and ALTER COLUMN and RENAME TO are");
            }
            if (operation == AlterOperation.DROP || operation == AlterOperation.RENAME) {
                String column = operation == AlterOperation.DROP ? change.getColumnName() : change.getColumnOldName();
                if (column != null && SqlNames.key(column).equals(ID_COLUMN)) {
                    throw new TableError("Column " + ID_COLUMN + " is the row identity of every table and cannot be"
                            + " dropped or renamed");
                }
            }
            if (change.getColDataTypeList() != null) {
                for (AlterExpression.ColumnDataType column : change.getColDataTypeList()) {
                    if (column.getColDataType() != null) {
                        String name = SqlNames.unquote(column.getColumnName());
                        DuckDbTypes.columnType(column.getColDataType()).ifPresent(type -> domainTypes.put(name, type));
                    }
                }
            }
        }
        return Collections.unmodifiableMap(domainTypes);
    }

    /** DuckDB has no table access methods; {@code USING deeplake} is what every table is here. */
    private static void removeDeeplakeAccessMethod(CreateTable create) {
        List<String> options = create.getTableOptionsStrings();
        if (options == null) {
            return;
        }
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < options.size(); i++) {
            if (options.get(i).equalsIgnoreCase("USING") && i + 1 < options.size()) {
                String method = SqlNames.unquote(options.get(i + 1));
                if (!method.toLowerCase(Locale.ROOT).equals(DEEPLAKE_ACCESS_METHOD)) {
                    throw new TableError("Table access method " + method + " is not supported: tables are"
                            + " Deeplake tables (USING deeplake may be written or left out)");
                }
                i++;
            } else {
                kept.add(options.get(i));
            }
        }
        create.setTableOptionsStrings(kept);
    }

    /** Parsed from SQL text so that JSqlParser builds the column exactly as it would from user SQL. */
    private static ColumnDefinition idColumn() {
        try {
            return ((CreateTable) CCJSqlParserUtil.parse(ID_COLUMN_DDL)).getColumnDefinitions().get(0);
        } catch (JSQLParserException e) {
            throw new IllegalStateException("The built-in " + ID_COLUMN + " column does not parse", e);
        }
    }
}
