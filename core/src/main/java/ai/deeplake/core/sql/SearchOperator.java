package ai.deeplake.core.sql;

import ai.deeplake.api.TableError;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import net.sf.jsqlparser.expression.ArrayConstructor;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.RowConstructor;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.relational.GeometryDistance;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;

/**
 * Translates pg_deeplake's search operator {@code a <#> b}, "higher is closer", into DuckDB SQL.
 *
 * <p>The form is decided by the operands: a 2-D vector on either side gives MaxSim, a 1-D vector
 * cosine similarity, a text BM25, a {@code deeplake_hybrid_record} hybrid search. Cosine and MaxSim
 * are computed by DuckDB. BM25 scores come from the column's text index: the expression reads them
 * from a relation {@code (i, s)} the engine fills (see {@link SearchPlan}); a row without a match
 * scores 0. Hybrid search min-max normalises both scores over the rows the statement scores (after
 * its {@code WHERE}) and weights them: {@code w1 * norm(cosine) + w2 * norm(bm25)}, 0.5/0.5 unless
 * given; a score that is the same for every row normalises to 0.
 *
 * <p>Each operator's searches are recorded in {@link SearchTerms}, from which a top-k statement is
 * routed to the search indexes.
 */
final class SearchOperator {
    /** The operator as JSqlParser spells it (it parses {@code <#>} as PostGIS's GeometryDistance). */
    static final String OPERATOR = "<#>";
    static final String HYBRID_RECORD = "deeplake_hybrid_record";
    private static final double DEFAULT_WEIGHT = 0.5;

    /** What an operand of {@code <#>} is, as far as the SQL text and the parameter values tell. */
    private sealed interface Operand permits Text, Hybrid, Vector, Matrix, Unknown {
    }

    private record Text() implements Operand {
    }

    private record Hybrid() implements Operand {
    }

    /** A 1-D vector; {@code length} null when not known from the SQL or the parameters. */
    private record Vector(Integer length) implements Operand {
    }

    /** A list of vectors; {@code dimension} (of each vector) null when not known. */
    private record Matrix(Integer dimension) implements Operand {
    }

    /** Typically the column side. */
    private record Unknown() implements Operand {
    }

    private final QueryParams params;
    private final ConstantValues constants;
    private final SearchTerms terms;
    private final Map<GeometryDistance, SearchScopes.Scope> scopes;

    /**
     * @param terms collects the searches of the statement
     * @param scopes the tables each operator's columns may come from
     */
    SearchOperator(QueryParams params, SearchTerms terms, Map<GeometryDistance, SearchScopes.Scope> scopes) {
        this.params = params;
        this.constants = new ConstantValues(params);
        this.terms = terms;
        this.scopes = scopes;
    }

    /**
     * Writes the DuckDB expression for {@code operator} ({@code left <#> right}).
     *
     * @param out the statement being written
     * @param render writes an operand's own translation to {@code out}
     */
    void write(GeometryDistance operator, StringBuilder out, Consumer<Expression> render) {
        Expression left = operator.getLeftExpression();
        Expression right = operator.getRightExpression();
        Operand l = classify(left);
        Operand r = classify(right);
        if (l instanceof Hybrid || r instanceof Hybrid) {
            hybrid(operator, out, render);
        } else if (l instanceof Text || r instanceof Text) {
            TextSearch text = l instanceof Text ? bm25(operator, right, left, out, render)
                    : bm25(operator, left, right, out, render);
            terms.record(operator, null, text);
        } else if (r instanceof Matrix query) {
            maxSim(left, right, query.dimension(), out, render);
        } else if (l instanceof Matrix query) {
            maxSim(right, left, query.dimension(), out, render);
        } else {
            cosine(left, right, vectorLength(l, r), out, render);
            terms.record(operator, vectorSearch(operator, left, right).orElse(null), null);
        }
    }

    /**
     * {@code (embedding, text)::deeplake_hybrid_record <#> deeplake_hybrid_record($1, $2[, w1, w2])}:
     * {@code (w1 * norm(cosine) + w2 * norm(bm25))}, normalised with window functions over the rows the
     * statement scores.
     */
    private void hybrid(GeometryDistance operator, StringBuilder out, Consumer<Expression> render) {
        Expression left = operator.getLeftExpression();
        Expression right = operator.getRightExpression();
        if (!isHybridQuery(left) && !isHybridQuery(right)) {
            throw hybridUsage();
        }
        List<Expression> record = hybridRecord(isHybridQuery(left) ? right : left);
        List<Expression> query = arguments(isHybridQuery(left) ? left : right);
        int start = out.length();
        cosine(record.get(0), query.get(0), vectorLength(classify(record.get(0)), classify(query.get(0))), out, render);
        String cosine = out.substring(start);
        out.setLength(start);
        TextSearch text = bm25(operator, record.get(1), query.get(1), out, render);
        String bm25 = out.substring(start);
        out.setLength(start);

        out.append('(');
        weight(query, 2, out, render);
        out.append(" * ").append(normalised(cosine)).append(" + ");
        weight(query, 3, out, render);
        out.append(" * ").append(normalised(bm25)).append(')');
        terms.record(operator, vectorSearch(operator, record.get(0), query.get(0)).orElse(null), text);
    }

    private static boolean isHybridQuery(Expression operand) {
        return operand instanceof Function function && HYBRID_RECORD.equalsIgnoreCase(function.getName());
    }

    /** @return the two fields of {@code (embedding, text)::deeplake_hybrid_record} */
    private static List<Expression> hybridRecord(Expression operand) {
        Expression record = operand instanceof CastExpression cast ? cast.getLeftExpression() : operand;
        if (record instanceof ParenthesedExpressionList<?> list && list.size() == 2) {
            return List.of((Expression) list.get(0), (Expression) list.get(1));
        }
        if (record instanceof RowConstructor<?> row && row.size() == 2) {
            return List.of((Expression) row.get(0), (Expression) row.get(1));
        }
        throw hybridUsage();
    }

    /** @return the arguments of {@code deeplake_hybrid_record(...)}; anything else on that side is a usage error */
    private static List<Expression> arguments(Expression query) {
        if (!(query instanceof Function function)) {
            throw hybridUsage();
        }
        List<?> args = function.getParameters() == null ? List.of() : function.getParameters();
        if (args.size() != 2 && args.size() != 4) {
            throw hybridUsage();
        }
        return args.stream().map(Expression.class::cast).toList();
    }

    /** Writes weight {@code index} of the hybrid query, the default when it has none. */
    private void weight(List<Expression> query, int index, StringBuilder out, Consumer<Expression> render) {
        if (query.size() <= index) {
            out.append(DEFAULT_WEIGHT);
            return;
        }
        Expression weight = query.get(index);
        if (constants.number(weight).isEmpty()) {
            throw new TableError("The weights of " + HYBRID_RECORD + "(vector, text, vector_weight, text_weight) must be"
                    + " numbers, got " + weight);
        }
        cast(weight, "DOUBLE", out, render);
    }

    private static TableError hybridUsage() {
        return new TableError("Hybrid search is written (embedding, text)::" + HYBRID_RECORD + " <#> " + HYBRID_RECORD
                + "(query_vector, 'query text'[, vector_weight, text_weight])");
    }

    /** {@code (x - min(x)) / (max(x) - min(x))} over the scored rows; 0 when every row has the same x. */
    private static String normalised(String x) {
        return "COALESCE((" + x + " - min(" + x + ") OVER ()) / NULLIF(max(" + x + ") OVER () - min(" + x
                + ") OVER (), 0), 0)";
    }

    /**
     * {@code column <#> 'query'}: the row's BM25 score, looked up in the scores the engine hands the
     * statement for this search (0 when the row does not match). The query is written into the
     * expression too, although the scores are this query's only: a {@code $n} parameter must stay in
     * the statement, since DuckDB numbers parameters by the largest {@code $n} and fails on a gap.
     *
     * @return the text search, registered with {@link SearchTerms}
     */
    private TextSearch bm25(GeometryDistance operator, Expression columnSide, Expression querySide, StringBuilder out,
            Consumer<Expression> render) {
        if (!(columnSide instanceof Column column)) {
            throw new TableError("BM25 search compares a TEXT column with a query: text_column <#> 'query', got "
                    + columnSide + " <#> " + querySide);
        }
        String query = constants.text(querySide).orElseThrow(() -> new TableError(
                "The BM25 query must be a string literal or a $n parameter holding a string, got " + querySide));
        SearchScopes.TableRef table = scope(operator).resolve(column);
        TextSearch text = terms.text(table.name(), SqlNames.unquote(column.getColumnName()), query,
                constants.parameter(querySide));
        out.append("COALESCE(CASE WHEN ");
        cast(querySide, "VARCHAR", out, render);
        out.append(" IS NOT NULL THEN ").append(terms.markers().scores(text.id())).append(table.reference()).append('.')
                .append(TableDefinitions.ID_COLUMN).append(")) END, 0)");
        return text;
    }

    /** @return the search an index could answer for {@code a <#> b}: one side a table's column, the other a constant vector */
    private Optional<VectorSearch> vectorSearch(GeometryDistance operator, Expression a, Expression b) {
        Expression column = a instanceof Column ? a : b;
        Expression query = column == a ? b : a;
        if (!(column instanceof Column c) || query instanceof Column) {
            return Optional.empty();
        }
        Optional<SearchScopes.TableRef> table = scope(operator).find(c);
        Optional<float[]> vector = constants.vector(query);
        if (table.isEmpty() || vector.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new VectorSearch(table.get().name(), SqlNames.unquote(c.getColumnName()), vector.get(),
                constants.parameter(query)));
    }

    private SearchScopes.Scope scope(GeometryDistance operator) {
        return scopes.getOrDefault(operator, new SearchScopes.Scope(List.of()));
    }

    /**
     * Cosine similarity of two 1-D vectors. DuckDB's {@code array_cosine_similarity} needs fixed-size
     * {@code FLOAT[n]} arrays on both sides; the casts also accept a column stored as a {@code FLOAT[]}
     * list. Without a known length only the slower list function applies.
     */
    private void cosine(Expression left, Expression right, Integer length, StringBuilder out,
            Consumer<Expression> render) {
        String type = vectorType(length);
        out.append(length == null ? "list_cosine_similarity(" : "array_cosine_similarity(");
        cast(left, type, out, render);
        out.append(", ");
        cast(right, type, out, render);
        out.append(')');
    }

    /**
     * MaxSim (late interaction): for each query vector the best cosine over the row's stored vectors,
     * averaged over the query vectors. DuckDB 2.0 only accepts the {@code lambda x: ...} syntax (the
     * {@code x -> ...} arrow is refused unless a setting enables it). The lambda parameters have
     * reserved-looking names so they cannot shadow a column the operands refer to.
     */
    private void maxSim(Expression stored, Expression query, Integer dimension, StringBuilder out,
            Consumer<Expression> render) {
        String listType = vectorType(dimension) + "[]";
        String similarity = dimension == null ? "list_cosine_similarity" : "array_cosine_similarity";
        out.append("list_avg(list_transform(");
        cast(query, listType, out, render);
        out.append(", lambda __dl_q: list_max(list_transform(");
        cast(stored, listType, out, render);
        out.append(", lambda __dl_d: ").append(similarity).append("(__dl_d, __dl_q)))))");
    }

    private static void cast(Expression operand, String type, StringBuilder out, Consumer<Expression> render) {
        out.append("CAST(");
        render.accept(operand);
        out.append(" AS ").append(type).append(')');
    }

    private static String vectorType(Integer length) {
        return DuckDbTypes.VECTOR_ELEMENT + "[" + (length == null ? "" : length) + "]";
    }

    private static Integer vectorLength(Operand left, Operand right) {
        Integer l = left instanceof Vector v ? v.length() : null;
        Integer r = right instanceof Vector v ? v.length() : null;
        if (l != null && r != null && !l.equals(r)) {
            throw new TableError("<#> compares vectors of different lengths: " + l + " and " + r);
        }
        return l != null ? l : r;
    }

    private Operand classify(Expression operand) {
        if (operand instanceof StringValue) {
            return new Text();
        }
        if (operand instanceof JdbcParameter parameter && parameter.getIndex() != null) {
            QueryParams.Shape shape = params.shape(parameter.getIndex());
            if (shape instanceof QueryParams.Text) {
                return new Text();
            }
            if (shape instanceof QueryParams.Vector vector) {
                return new Vector(vector.length());
            }
            if (shape instanceof QueryParams.Matrix matrix) {
                return new Matrix(matrix.dimension());
            }
            return new Unknown();
        }
        if (operand instanceof ArrayConstructor array) {
            return classifyArray(array);
        }
        if (operand instanceof CastExpression cast) {
            return classifyCast(cast);
        }
        if (operand instanceof Function function && HYBRID_RECORD.equalsIgnoreCase(function.getName())) {
            return new Hybrid();
        }
        if (operand instanceof ParenthesedExpressionList<?> list) {
            // (a) is a parenthesised operand; (a, b) a record, which only hybrid search takes.
            return list.size() == 1 ? classify(list.get(0)) : new Hybrid();
        }
        if (operand instanceof RowConstructor<?>) {
            return new Hybrid();
        }
        return new Unknown();
    }

    private static Operand classifyArray(ArrayConstructor array) {
        List<?> elements = array.getExpressions();
        if (elements == null || elements.isEmpty()) {
            throw new TableError("<#> needs a non-empty query vector, got ARRAY[]");
        }
        if (!elements.stream().allMatch(ArrayConstructor.class::isInstance)) {
            return new Vector(elements.size());
        }
        int dimension = ((ArrayConstructor) elements.get(0)).getExpressions().size();
        for (Object row : elements) {
            if (((ArrayConstructor) row).getExpressions().size() != dimension) {
                throw new TableError("The query vectors of a 2-D ARRAY[[...], [...]] must all have the same"
                        + " length");
            }
        }
        return new Matrix(dimension);
    }

    /** Casts have already been mapped to DuckDB types ({@link DuckDbTypes#toDuckDb}). */
    private Operand classifyCast(CastExpression cast) {
        String type = DuckDbTypes.baseName(cast.getColDataType());
        if (type.toLowerCase(Locale.ROOT).equals(HYBRID_RECORD)) {
            return new Hybrid();
        }
        if (type.equals("VARCHAR")) {
            return new Text();
        }
        Operand inner = classify(cast.getLeftExpression());
        Integer declared = DuckDbTypes.vectorLength(cast.getColDataType());
        switch (DuckDbTypes.vectorRank(cast.getColDataType())) {
            case 1:
                return new Vector(declared != null ? declared : inner instanceof Vector v ? v.length() : null);
            case 2:
                return new Matrix(declared != null ? declared : inner instanceof Matrix m ? m.dimension() : null);
            default:
                return new Unknown();
        }
    }
}
