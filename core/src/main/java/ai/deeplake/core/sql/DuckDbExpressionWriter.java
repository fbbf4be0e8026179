package ai.deeplake.core.sql;

import ai.deeplake.api.TableError;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.expression.ArrayConstructor;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.GeometryDistance;
import net.sf.jsqlparser.expression.operators.relational.JsonOperator;
import net.sf.jsqlparser.util.deparser.ExpressionDeParser;

/**
 * Writes expressions as DuckDB SQL, translating what pg_deeplake and PostgreSQL spell differently:
 * {@code <#>} (see {@link SearchOperator}), {@code text @> 'kw'}, {@code decode/encode(x, 'hex')},
 * 2-D vector parameters; and refusing {@code BM25_SIMILARITY(...)}.
 *
 * <p>JSqlParser's deparser does not descend into every part of a statement (see {@link AstNodes}), so
 * the writer remembers what it translated and {@link #requireTranslated} refuses a statement where a
 * construct that needs translation was skipped, rather than let DuckDB misread it.
 */
final class DuckDbExpressionWriter extends ExpressionDeParser {
    private static final String BM25_FUNCTION = "bm25_similarity";
    private static final String CONTAINS_OPERATOR = "@>";

    private final QueryParams params;
    private final SearchOperator search;
    private final Set<Object> translated = Collections.newSetFromMap(new IdentityHashMap<>());

    /** Null, or the table whose columns {@code p1..pn} stand for the parameters (see {@link SqlTranslator#translateFromStage}). */
    private final String stageTable;

    /**
     * @param terms collects the statement's searches
     * @param scopes the tables each search operator's columns may come from
     * @param stageTable null, or the table whose column {@code p<n>} is written for each {@code $n}
     */
    DuckDbExpressionWriter(QueryParams params, SearchTerms terms, Map<GeometryDistance, SearchScopes.Scope> scopes,
            String stageTable) {
        this.params = params;
        this.search = new SearchOperator(params, terms, scopes);
        this.stageTable = stageTable;
    }

    /** {@code a <#> b}; other GeometryDistance operators ({@code <->}) are DuckDB's own. */
    @Override
    public <S> StringBuilder visit(GeometryDistance operator, S context) {
        if (!SearchOperator.OPERATOR.equals(operator.getStringExpression())) {
            return super.visit(operator, context);
        }
        translated.add(operator);
        search.write(operator, getBuilder(), operand -> operand.accept(this, context));
        // The operator consumed its deeplake_hybrid_record(...) query; it is not a function call.
        AstNodes.of(operator).stream().filter(node -> node instanceof Function f
                && SearchOperator.HYBRID_RECORD.equalsIgnoreCase(f.getName())).forEach(translated::add);
        return getBuilder();
    }

    /**
     * {@code text @> 'keyword'}: case-insensitive substring test. With an array on the right it keeps
     * PostgreSQL's (and DuckDB's) list containment. JSqlParser 5.4 parses {@code @>} as a JSON operator.
     */
    @Override
    public <S> StringBuilder visit(JsonOperator operator, S context) {
        if (!isContains(operator)) {
            return super.visit(operator, context);
        }
        translated.add(operator);
        if (isList(operator.getRightExpression())) {
            return super.visit(operator, context);
        }
        StringBuilder out = getBuilder();
        out.append("contains(lower(");
        operator.getLeftExpression().accept(this, context);
        out.append("), lower(");
        operator.getRightExpression().accept(this, context);
        return out.append("))");
    }

    @Override
    public <S> StringBuilder visit(Function function, S context) {
        String name = function.getName() == null ? "" : function.getName().toLowerCase(Locale.ROOT);
        if (name.equals(BM25_FUNCTION)) {
            throw new TableError("BM25_SIMILARITY(...) is not supported: write text_column <#> 'query'"
                    + " (higher is better) instead");
        }
        if (name.equals(SearchOperator.HYBRID_RECORD)) {
            // Inside `<#>` the search operator consumes it; anywhere else it means nothing.
            throw new TableError(SearchOperator.HYBRID_RECORD + "(...) only works on the right of <#>: (embedding,"
                    + " text)::" + SearchOperator.HYBRID_RECORD + " <#> " + SearchOperator.HYBRID_RECORD + "($1, $2)");
        }
        if (isPostgresCodec(function)) {
            translated.add(function);
            writeCodec(name, arguments(function), context);
            return getBuilder();
        }
        return super.visit(function, context);
    }

    /**
     * A 2-D vector parameter arrives flattened (row-major) in one {@code FLOAT[]} list, because the
     * DuckDB JDBC driver cannot bind nested lists; this rebuilds the rows.
     */
    @Override
    public <S> StringBuilder visit(JdbcParameter parameter, S context) {
        if (stageTable != null) {
            translated.add(parameter);
            return getBuilder().append(stageTable).append(".p").append(parameter.getIndex());
        }
        QueryParams.Shape shape = parameter.getIndex() == null ? null : params.shape(parameter.getIndex());
        if (!(shape instanceof QueryParams.Matrix matrix)) {
            return super.visit(parameter, context);
        }
        translated.add(parameter);
        int dimension = matrix.dimension();
        StringBuilder out = getBuilder();
        out.append("list_transform(range(").append(matrix.rows()).append("), lambda __dl_i: list_slice(");
        super.visit(parameter, context);
        return out.append(", __dl_i * ").append(dimension).append(" + 1, (__dl_i + 1) * ")
                .append(dimension).append("))");
    }

    /**
     * @param nodes every node of the statement that was written
     * @throws TableError if one of them needed a translation the deparser never asked for
     */
    void requireTranslated(List<Object> nodes) {
        for (Object node : nodes) {
            if (needsTranslation(node) && !translated.contains(node)) {
                throw new TableError("Cannot translate " + node + " in this position of the statement (the SQL"
                        + " parser does not rewrite it there); compute it in a subquery or a select-list alias instead");
            }
        }
    }

    private boolean needsTranslation(Object node) {
        if (node instanceof GeometryDistance operator) {
            return SearchOperator.OPERATOR.equals(operator.getStringExpression());
        }
        if (node instanceof JsonOperator operator) {
            return isContains(operator);
        }
        if (node instanceof Function function && function.getName() != null) {
            String name = function.getName().toLowerCase(Locale.ROOT);
            return name.equals(BM25_FUNCTION) || name.equals(SearchOperator.HYBRID_RECORD) || isPostgresCodec(function);
        }
        return node instanceof JdbcParameter parameter && parameter.getIndex() != null
                && params.shape(parameter.getIndex()) instanceof QueryParams.Matrix;
    }

    /**
     * PostgreSQL's {@code decode(text, format)} gives bytea and {@code encode(bytea, format)} text;
     * DuckDB's one-argument {@code decode/encode} convert between BLOB and VARCHAR instead.
     */
    private <S> void writeCodec(String name, List<Expression> arguments, S context) {
        String format = arguments.get(1) instanceof StringValue value
                ? value.getValue().toLowerCase(Locale.ROOT) : null;
        String open;
        String close = ")";
        if (name.equals("decode") && "hex".equals(format)) {
            open = "unhex(";
        } else if (name.equals("decode") && "base64".equals(format)) {
            open = "from_base64(";
        } else if (name.equals("encode") && "hex".equals(format)) {
            open = "lower(hex(";
            close = "))";
        } else if (name.equals("encode") && "base64".equals(format)) {
            open = "to_base64(";
        } else {
            throw new TableError(name + "(..., " + arguments.get(1) + ") is not supported: the format must be"
                    + " the literal 'hex' or 'base64'");
        }
        getBuilder().append(open);
        arguments.get(0).accept(this, context);
        getBuilder().append(close);
    }

    /** @return true for PostgreSQL's two-argument {@code decode(text, format)} / {@code encode(bytea, format)} */
    private static boolean isPostgresCodec(Function function) {
        String name = function.getName() == null ? "" : function.getName().toLowerCase(Locale.ROOT);
        return (name.equals("decode") || name.equals("encode")) && arguments(function).size() == 2;
    }

    @SuppressWarnings("unchecked")
    private static List<Expression> arguments(Function function) {
        ExpressionList<?> parameters = function.getParameters();
        return parameters == null ? List.of() : (List<Expression>) parameters;
    }

    private static boolean isContains(JsonOperator operator) {
        return CONTAINS_OPERATOR.equals(operator.getStringExpression());
    }

    private boolean isList(Expression operand) {
        if (operand instanceof ArrayConstructor) {
            return true;
        }
        if (operand instanceof CastExpression cast) {
            return cast.getColDataType().getArrayData() != null && !cast.getColDataType().getArrayData().isEmpty();
        }
        if (operand instanceof JdbcParameter parameter && parameter.getIndex() != null) {
            QueryParams.Shape shape = params.shape(parameter.getIndex());
            return shape instanceof QueryParams.Vector || shape instanceof QueryParams.Matrix;
        }
        return false;
    }
}
