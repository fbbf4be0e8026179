package ai.deeplake.core.sql;

import ai.deeplake.api.TableError;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import net.sf.jsqlparser.expression.ArrayConstructor;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.RowConstructor;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;

/**
 * Translates pg_deeplake's search operator {@code a <#> b}, "higher is closer", into DuckDB SQL.
 *
 * <p>The form is decided by the operands: a 2-D vector on either side gives MaxSim, a 1-D vector
 * cosine similarity, a text BM25, a {@code deeplake_hybrid_record} hybrid search. One method per form,
 * so that BM25 and hybrid (not supported yet) can later be routed to a text index.
 */
final class SearchOperator {
    /** The operator as JSqlParser spells it (it parses {@code <#>} as PostGIS's GeometryDistance). */
    static final String OPERATOR = "<#>";
    static final String HYBRID_RECORD = "deeplake_hybrid_record";

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

    SearchOperator(QueryParams params) {
        this.params = params;
    }

    /**
     * Writes the DuckDB expression for {@code left <#> right}.
     *
     * @param render writes an operand's own translation to {@code out}
     */
    void write(Expression left, Expression right, StringBuilder out, Consumer<Expression> render) {
        Operand l = classify(left);
        Operand r = classify(right);
        if (l instanceof Hybrid || r instanceof Hybrid) {
            hybrid();
        } else if (l instanceof Text || r instanceof Text) {
            bm25();
        } else if (r instanceof Matrix query) {
            maxSim(left, right, query.dimension(), out, render);
        } else if (l instanceof Matrix query) {
            maxSim(right, left, query.dimension(), out, render);
        } else {
            cosine(left, right, vectorLength(l, r), out, render);
        }
    }

    /** {@code (embedding, text)::deeplake_hybrid_record <#> deeplake_hybrid_record($1, $2[, w1, w2])}. */
    private void hybrid() {
        throw new TableError("Hybrid search ((embedding, text)::" + HYBRID_RECORD + " <#> " + HYBRID_RECORD
                + "(...)) is not supported yet");
    }

    /** {@code text <#> 'query'}. */
    private void bm25() {
        throw new TableError("BM25 text search (<#> on a TEXT column) is not supported yet");
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
