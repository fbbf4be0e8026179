package ai.deeplake.core.sql;

import ai.deeplake.api.TableError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import net.sf.jsqlparser.expression.JdbcParameter;

/**
 * The values bound to {@code $1..$n}, seen only for the decisions the SQL text depends on: whether a
 * parameter is a text, a 1-D vector (and its length) or a 2-D vector (and its shape).
 *
 * <p>Accepted vector forms: {@code float[]}, {@code double[]} and {@code List<? extends Number>} (1-D);
 * {@code float[][]}, {@code double[][]} and lists of those or of {@code List<? extends Number>} (2-D).
 *
 * <p>A translation depends on the values in two ways besides their shapes: a query text or vector
 * it carries in its search plan ({@link #text}, {@link #vector}: a cached translation takes them anew
 * from each call's values, see {@link TranslationCache}), and a number it decided something on, such
 * as a {@code LIMIT $n} ({@link #number}: recorded, see {@link #decisive}). Not thread-safe: one
 * instance serves one translation.
 */
final class QueryParams {
    /** What a parameter value means to the translator. */
    sealed interface Shape permits Text, Vector, Matrix, Other {
    }

    /** A {@link String}. */
    record Text() implements Shape {
    }

    /** A 1-D vector of {@code length} numbers. */
    record Vector(int length) implements Shape {
    }

    /** A 2-D vector: {@code rows} vectors of {@code dimension} numbers each. */
    record Matrix(int rows, int dimension) implements Shape {
    }

    /** Anything else (numbers, bytes, booleans, null, an empty array). */
    record Other() implements Shape {
    }

    private final List<Object> values;
    /** The parameters read by {@link #number}, with what was read. */
    private final Map<Integer, Double> decisive = new HashMap<>();

    /** @param values the parameter values in {@code $n} order; null means none */
    QueryParams(List<Object> values) {
        this.values = values == null ? List.of() : values;
    }

    /**
     * @param parameters the parameters a statement refers to
     * @throws TableError when one refers to a value that was not given
     */
    void requireValues(List<JdbcParameter> parameters) {
        for (JdbcParameter parameter : parameters) {
            Integer index = parameter.getIndex();
            if (index != null && (index < 1 || index > values.size())) {
                throw new TableError("Parameter " + parameter + " has no value: " + values.size()
                        + (values.size() == 1 ? " parameter was" : " parameters were") + " given");
            }
        }
    }

    /**
     * @param index 1-based, as in {@code $index}
     * @return the shape of that value; {@link Other} when there is no such value
     */
    Shape shape(int index) {
        if (index < 1 || index > values.size()) {
            return new Other();
        }
        return shapeOf(values.get(index - 1), index);
    }

    /** @return the shape of every value, in {@code $n} order */
    List<Shape> shapes() {
        List<Shape> shapes = new ArrayList<>(values.size());
        for (int i = 1; i <= values.size(); i++) {
            shapes.add(shape(i));
        }
        return shapes;
    }

    /**
     * Reads a parameter as a number and records it as a value the translation depends on.
     *
     * @param index 1-based, as in {@code $index}
     * @return the value as a double; null when it is not a number or not given
     */
    Double number(int index) {
        Double number = asNumber(value(index));
        decisive.put(index, number);
        return number;
    }

    /** @return the value of {@code $index} when it is a {@link String} (shape {@link Text}), else null */
    String text(int index) {
        return value(index) instanceof String text ? text : null;
    }

    /**
     * @return what {@link #number} read so far, by parameter index: the values another call's
     *     parameters must have (besides the same shapes) for the translation to hold for them
     */
    Map<Integer, Double> decisive() {
        return Collections.unmodifiableMap(new HashMap<>(decisive));
    }

    /** @return whether these values give what {@link #number} gave for each of {@code decisive} */
    boolean agrees(Map<Integer, Double> decisive) {
        for (Map.Entry<Integer, Double> e : decisive.entrySet()) {
            if (!Objects.equals(asNumber(value(e.getKey())), e.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static Double asNumber(Object value) {
        return value instanceof Number n ? n.doubleValue() : null;
    }

    private Object value(int index) {
        return index < 1 || index > values.size() ? null : values.get(index - 1);
    }

    /** @return the value of {@code $index} as a vector of floats, or null when it is not a 1-D vector */
    float[] vector(int index) {
        Object value = value(index);
        if (!(shape(index) instanceof Vector)) {
            return null;
        }
        if (value instanceof float[] floats) {
            return floats.clone();
        }
        if (value instanceof double[] doubles) {
            float[] out = new float[doubles.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) doubles[i];
            }
            return out;
        }
        List<?> numbers = (List<?>) value;
        float[] out = new float[numbers.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) numbers.get(i)).floatValue();
        }
        return out;
    }

    private static Shape shapeOf(Object value, int index) {
        if (value instanceof String) {
            return new Text();
        }
        int length = vectorLength(value);
        if (length > 0) {
            return new Vector(length);
        }
        List<?> rows = rows(value);
        if (rows == null || rows.isEmpty()) {
            return new Other();
        }
        int dimension = vectorLength(rows.get(0));
        for (Object row : rows) {
            if (dimension <= 0 || vectorLength(row) != dimension) {
                throw new TableError("Parameter $" + index
                        + " is a 2-D vector whose rows are not all non-empty vectors of the same length");
            }
        }
        return new Matrix(rows.size(), dimension);
    }

    /** @return the length of a non-empty 1-D vector value, or 0 when the value is not one */
    private static int vectorLength(Object value) {
        if (value instanceof float[] floats) {
            return floats.length;
        }
        if (value instanceof double[] doubles) {
            return doubles.length;
        }
        if (value instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(Number.class::isInstance)) {
            return list.size();
        }
        return 0;
    }

    /** @return the rows of a 2-D vector value, or null when the value is not one */
    private static List<?> rows(Object value) {
        if (value instanceof float[][] floats) {
            return Arrays.asList((Object[]) floats);
        }
        if (value instanceof double[][] doubles) {
            return Arrays.asList((Object[]) doubles);
        }
        if (value instanceof List<?> list && list.stream().allMatch(row -> vectorLength(row) > 0)) {
            return list;
        }
        return null;
    }
}
