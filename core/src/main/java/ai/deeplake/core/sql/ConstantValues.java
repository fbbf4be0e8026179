package ai.deeplake.core.sql;

import java.util.List;
import java.util.Optional;
import net.sf.jsqlparser.expression.ArrayConstructor;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;

/**
 * Reads the value of an expression that is a constant of the statement: a literal, a {@code $n}
 * parameter, or either behind a cast or parentheses. The search operators need the query text,
 * query vector, weights and {@code LIMIT} before the statement runs.
 */
final class ConstantValues {
    private final QueryParams params;

    ConstantValues(QueryParams params) {
        this.params = params;
    }

    /** @return the number, when the expression is a numeric constant */
    Optional<Double> number(Expression expression) {
        Expression e = unwrap(expression);
        if (e instanceof LongValue value) {
            return Optional.of((double) value.getValue());
        }
        if (e instanceof DoubleValue value) {
            return Optional.of(value.getValue());
        }
        if (e instanceof SignedExpression signed && signed.getSign() == '-') {
            return number(signed.getExpression()).map(v -> -v);
        }
        if (e instanceof SignedExpression signed) {
            return number(signed.getExpression());
        }
        if (e instanceof JdbcParameter parameter && parameter.getIndex() != null) {
            return Optional.ofNullable(params.number(parameter.getIndex()));
        }
        return Optional.empty();
    }

    /** @return the whole number, when the expression is a numeric constant without a fraction */
    Optional<Long> whole(Expression expression) {
        return number(expression).filter(v -> v == Math.rint(v)).map(Double::longValue);
    }

    /** @return the text, when the expression is a string constant */
    Optional<String> text(Expression expression) {
        Expression e = unwrap(expression);
        if (e instanceof StringValue value) {
            return Optional.of(value.getNotExcapedValue());
        }
        if (e instanceof JdbcParameter parameter && parameter.getIndex() != null) {
            return Optional.ofNullable(params.text(parameter.getIndex()));
        }
        return Optional.empty();
    }

    /** @return the vector, when the expression is a 1-D vector constant ({@code ARRAY[...]} of numbers or a parameter) */
    Optional<float[]> vector(Expression expression) {
        Expression e = unwrap(expression);
        if (e instanceof JdbcParameter parameter && parameter.getIndex() != null) {
            return Optional.ofNullable(params.vector(parameter.getIndex()));
        }
        if (!(e instanceof ArrayConstructor array) || array.getExpressions() == null || array.getExpressions().isEmpty()) {
            return Optional.empty();
        }
        List<?> elements = array.getExpressions();
        float[] out = new float[elements.size()];
        for (int i = 0; i < out.length; i++) {
            Optional<Double> element = elements.get(i) instanceof Expression x ? number(x) : Optional.empty();
            if (element.isEmpty()) {
                return Optional.empty();
            }
            out[i] = element.get().floatValue();
        }
        return Optional.of(out);
    }

    /** @return the {@code $n} the expression is, behind casts and parentheses; 0 when it is no parameter */
    int parameter(Expression expression) {
        return unwrap(expression) instanceof JdbcParameter parameter && parameter.getIndex() != null
                ? parameter.getIndex() : 0;
    }

    private static Expression unwrap(Expression expression) {
        Expression e = expression;
        while (true) {
            if (e instanceof CastExpression cast) {
                e = cast.getLeftExpression();
            } else if (e instanceof ParenthesedExpressionList<?> list && list.size() == 1) {
                e = list.get(0);
            } else {
                return e;
            }
        }
    }
}
