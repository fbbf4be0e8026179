package ai.deeplake.core.sql;

import java.util.List;
import java.util.Optional;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.relational.GeometryDistance;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.ExplainStatement;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.Limit;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.SelectItem;

/**
 * Recognises a top-k search, the one statement shape a search index can answer:
 * {@code SELECT ... FROM t [WHERE ...] ORDER BY <search> DESC [, ...] LIMIT k [OFFSET n]}, the search
 * written in the {@code ORDER BY} or as a select-list alias (or position) it names. One table, no
 * joins, grouping, {@code DISTINCT}, window functions or {@code WITH}; the {@code WHERE} must not
 * search itself. Any other use of {@code <#>} is computed exactly.
 *
 * <p>A recognised statement gets a candidates hole ({@link SqlTemplate}) added to its {@code WHERE},
 * where the engine puts the rows the index found.
 */
final class SearchRouting {
    /**
     * A statement of the top-k shape.
     *
     * @param search the operator that orders the rows
     * @param table the table read
     * @param limit {@code k}
     * @param offset the {@code OFFSET}, 0 when none
     */
    record TopK(GeometryDistance search, SearchScopes.TableRef table, long limit, long offset) {
    }

    private SearchRouting() {
    }

    /**
     * Finds the top-k shape and, when found, adds the candidates hole to the statement's {@code WHERE}.
     *
     * @param candidates the marker of the candidates hole
     */
    static Optional<TopK> prepare(Statement statement, ConstantValues constants, String candidates) {
        Statement body = statement instanceof ExplainStatement explain ? explain.getStatement() : statement;
        if (!(body instanceof PlainSelect select) || !isSingleTableScan(select)) {
            return Optional.empty();
        }
        List<OrderByElement> order = select.getOrderByElements();
        if (order == null || order.isEmpty() || order.get(0).isAsc()) {
            return Optional.empty();
        }
        GeometryDistance search = searchOf(order.get(0).getExpression(), select.getSelectItems());
        Limit limit = select.getLimit();
        if (search == null || limit == null || limit.isLimitAll() || limit.isLimitNull() || limit.getRowCount() == null) {
            return Optional.empty();
        }
        Optional<Long> k = constants.whole(limit.getRowCount());
        Expression offsetExpression = limit.getOffset() != null ? limit.getOffset()
                : select.getOffset() != null ? select.getOffset().getOffset() : null;
        Optional<Long> offset = offsetExpression == null ? Optional.of(0L) : constants.whole(offsetExpression);
        if (k.isEmpty() || offset.isEmpty() || k.get() < 0 || offset.get() < 0) {
            return Optional.empty();
        }
        Column hole = new Column(candidates);
        select.setWhere(select.getWhere() == null ? hole
                : new AndExpression(new ParenthesedExpressionList<>(select.getWhere()), hole));
        return Optional.of(new TopK(search, SearchScopes.ref((Table) select.getFromItem()), k.get(), offset.get()));
    }

    /**
     * @param searches what the ordering operator searches, recorded when the statement was written
     * @return the route, or null when the operator makes no search an index can answer (MaxSim, an
     *     operand that is not a constant)
     */
    static SearchRoute route(TopK topK, SearchTerms.Searches searches) {
        VectorSearch vector = searches.vector();
        TextSearch text = searches.text();
        if (vector != null && text != null) {
            return new SearchRoute(SearchRoute.Kind.HYBRID, topK.table().name(), vector, text, topK.limit(), topK.offset());
        }
        if (vector != null) {
            return new SearchRoute(SearchRoute.Kind.VECTOR, topK.table().name(), vector, null, topK.limit(), topK.offset());
        }
        if (text != null) {
            return new SearchRoute(SearchRoute.Kind.TEXT, topK.table().name(), null, text, topK.limit(), topK.offset());
        }
        return null;
    }

    /** Restricting the rows to candidates must not change anything but which rows are ranked. */
    private static boolean isSingleTableScan(PlainSelect select) {
        boolean plainTable = select.getFromItem() instanceof Table table && table.getSampleClause() == null;
        return plainTable && (select.getJoins() == null || select.getJoins().isEmpty())
                && select.getDistinct() == null && select.getGroupBy() == null && select.getHaving() == null
                && select.getQualify() == null && select.getFetch() == null && select.getTop() == null
                && select.getIntoTables() == null && select.getWithItemsList() == null
                && !contains(select.getSelectItems(), AnalyticExpression.class)
                && (select.getWhere() == null || searchesIn(select.getWhere()).isEmpty());
    }

    /** @return the search operator an {@code ORDER BY} expression is or names; null when none */
    private static GeometryDistance searchOf(Expression orderBy, List<SelectItem<?>> items) {
        Expression e = orderBy instanceof ParenthesedExpressionList<?> list && list.size() == 1
                ? (Expression) list.get(0) : orderBy;
        if (e instanceof Column column && column.getTable() == null) {
            String name = SqlNames.key(column.getColumnName());
            e = items.stream().filter(item -> item.getAlias() != null && SqlNames.key(item.getAlias().getName()).equals(name))
                    .findFirst().<Expression>map(SelectItem::getExpression).orElse(e);
        } else if (e instanceof LongValue position && position.getValue() >= 1 && position.getValue() <= items.size()) {
            e = items.get((int) position.getValue() - 1).getExpression();
        }
        return isSearch(e) ? (GeometryDistance) e : null;
    }

    private static boolean isSearch(Object node) {
        return node instanceof GeometryDistance operator && SearchOperator.OPERATOR.equals(operator.getStringExpression());
    }

    private static List<Object> searchesIn(Object root) {
        return AstNodes.of(root).stream().filter(SearchRouting::isSearch).toList();
    }

    private static boolean contains(Object root, Class<?> type) {
        return root != null && AstNodes.of(root).stream().anyMatch(type::isInstance);
    }
}
