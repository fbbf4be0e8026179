package ai.deeplake.core.sql;

import ai.deeplake.api.TableError;
import java.util.List;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.create.index.CreateIndex;
import net.sf.jsqlparser.statement.create.table.Index;
import net.sf.jsqlparser.statement.drop.Drop;

/**
 * Reads {@code CREATE INDEX ... USING deeplake_index (col)} and {@code DROP INDEX} into
 * {@link IndexCommand}s, which the engine carries out itself (the search indexes are not DuckDB's).
 */
final class IndexStatements {
    /** pg_deeplake's index access method. */
    static final String DEEPLAKE_INDEX = "deeplake_index";

    private IndexStatements() {
    }

    /** @return true for {@code CREATE INDEX ... USING deeplake_index}, false for an ordinary DuckDB index */
    static boolean isDeeplakeIndex(CreateIndex create) {
        String using = create.getIndex().getUsing();
        return using != null && SqlNames.key(using).equals(DEEPLAKE_INDEX);
    }

    /**
     * @return the command for a {@code deeplake_index}; without a name it is named as PostgreSQL would
     *     ({@code <table>_<column>_idx})
     */
    static IndexCommand create(CreateIndex create) {
        Table table = create.getTable();
        Sandbox.requireOwnTable(table);
        List<Index.ColumnParams> columns = create.getIndex().getColumns();
        if (columns == null || columns.size() != 1 || columns.get(0).getColumnName() == null
                || columns.get(0).getExpression() != null) {
            throw new TableError("A " + DEEPLAKE_INDEX + " indexes exactly one column: CREATE INDEX ON "
                    + table.getName() + " USING " + DEEPLAKE_INDEX + " (column)");
        }
        String tableName = SqlNames.unquote(table.getName());
        String column = SqlNames.unquote(columns.get(0).getColumnName());
        String name = create.getIndex().getName() == null
                ? tableName + "_" + column + "_idx" : SqlNames.unquote(create.getIndex().getName());
        return new IndexCommand(name, tableName, column, create.isUsingIfNotExists(), false);
    }

    /** @return the command for {@code DROP INDEX [IF EXISTS] name}; table and column are not known */
    static IndexCommand drop(Drop drop) {
        Sandbox.requireOwnTable(drop.getName());
        return new IndexCommand(SqlNames.unquote(drop.getName().getName()), null, null, false, drop.isIfExists());
    }
}
