package ai.deeplake.core.sql;

import ai.deeplake.api.TableError;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.sf.jsqlparser.expression.operators.relational.GeometryDistance;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.update.Update;

/**
 * Finds, for each search operator {@code <#>} of a statement, the tables its columns may come from:
 * those in the {@code FROM} of the innermost {@code SELECT} around it, or the target of an
 * {@code UPDATE}/{@code DELETE}. A text search needs this to know which table's index to ask.
 */
final class SearchScopes {
    /** A table in a {@code FROM}: its name for the engine and how the statement refers to it. */
    record TableRef(String name, String reference) {
    }

    /** The tables an operator's columns may come from. */
    record Scope(List<TableRef> tables) {
        /** @return the table a column comes from: the one its qualifier names, or the only one; empty when unclear */
        Optional<TableRef> find(Column column) {
            Table qualifier = column.getTable();
            if (qualifier != null && qualifier.getName() != null) {
                String name = SqlNames.key(qualifier.getName());
                return tables.stream().filter(t -> SqlNames.key(t.reference()).equals(name)).findFirst();
            }
            return tables.size() == 1 ? Optional.of(tables.get(0)) : Optional.empty();
        }

        /** @throws TableError when {@link #find} cannot tell the column's table */
        TableRef resolve(Column column) {
            return find(column).orElseThrow(() -> new TableError("Search column " + column + " must be a column of a"
                    + " table in the query's FROM (not of a subquery); qualify it (t." + column.getColumnName()
                    + ") when the query reads several tables"));
        }
    }

    private SearchScopes() {
    }

    /** @return the scope of every {@code <#>} operator in the statement */
    static Map<GeometryDistance, Scope> of(Statement statement) {
        Map<GeometryDistance, Scope> scopes = new IdentityHashMap<>();
        target(statement).ifPresent(table -> assign(statement, new Scope(List.of(ref(table))), scopes));
        // Parents come before children, so an inner SELECT overrides its outer one.
        for (Object node : AstNodes.of(statement)) {
            if (node instanceof PlainSelect select) {
                assign(select, scopeOf(select), scopes);
            }
        }
        return scopes;
    }

    private static Optional<Table> target(Statement statement) {
        if (statement instanceof Update update) {
            return Optional.of(update.getTable());
        }
        if (statement instanceof Delete delete) {
            return Optional.of(delete.getTable());
        }
        return Optional.empty();
    }

    private static void assign(Object root, Scope scope, Map<GeometryDistance, Scope> scopes) {
        for (Object node : AstNodes.of(root)) {
            if (node instanceof GeometryDistance operator && SearchOperator.OPERATOR.equals(operator.getStringExpression())) {
                scopes.put(operator, scope);
            }
        }
    }

    private static Scope scopeOf(PlainSelect select) {
        List<TableRef> tables = new ArrayList<>();
        addTable(select.getFromItem(), tables);
        if (select.getJoins() != null) {
            for (Join join : select.getJoins()) {
                addTable(join.getFromItem(), tables);
            }
        }
        return new Scope(tables);
    }

    private static void addTable(FromItem item, List<TableRef> tables) {
        if (item instanceof Table table) {
            tables.add(ref(table));
        }
    }

    /** @return the table as a search scope sees it */
    static TableRef ref(Table table) {
        String reference = table.getAlias() != null ? table.getAlias().getName() : table.getName();
        return new TableRef(SqlNames.unquote(table.getName()), reference);
    }
}
