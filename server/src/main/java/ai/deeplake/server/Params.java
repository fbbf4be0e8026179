package ai.deeplake.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns JSON parameter values into the values the engine binds to {@code $1..$n}: strings, integral
 * numbers as {@code Long}, other numbers as {@code Double}, booleans, null; arrays of numbers as
 * {@code float[]} vectors and arrays of those as {@code float[][]}; objects as their JSON text.
 *
 * <p>A string in PostgreSQL array form ({@code "{0.1,0.2}"}, {@code "{{1,2},{3,4}}"}) becomes a vector
 * where the statement uses the parameter as one: right of {@code <#>}, or cast to a vector type
 * ({@code $1::FLOAT4[]}, {@code $1::EMBEDDING}). That is how PostgreSQL-based services receive list
 * parameters; anywhere else the string stays text, so that text which happens to look like an
 * array is stored as written.
 */
final class Params {
    private static final Pattern SEARCH_OPERAND = Pattern.compile("<#>\\s*\\$(\\d+)");
    private static final Pattern VECTOR_CAST = Pattern.compile(
            "\\$(\\d+)\\s*::\\s*(?:(?:float4|float|real|float32|float8|double\\s+precision|double)\\s*(?:\\[\\s*\\d*\\s*])+"
                    + "|(?:embedding|bounding_box|point|polygon)\\b)",
            Pattern.CASE_INSENSITIVE);

    private final Set<Integer> vectorPositions;

    private Params(Set<Integer> vectorPositions) {
        this.vectorPositions = vectorPositions;
    }

    /** @param sql the statement the parameters are for */
    static Params forStatement(String sql) {
        Set<Integer> positions = new HashSet<>();
        for (Pattern p : List.of(SEARCH_OPERAND, VECTOR_CAST)) {
            Matcher m = p.matcher(sql);
            while (m.find()) {
                positions.add(Integer.parseInt(m.group(1)));
            }
        }
        return new Params(positions);
    }

    /**
     * @param params a JSON array, or null/missing for none
     * @param field the request field, for error messages
     */
    List<Object> decode(JsonNode params, String field) {
        if (params == null || params.isNull()) {
            return List.of();
        }
        if (!params.isArray()) {
            throw ApiException.badRequest(field + " must be an array");
        }
        List<Object> out = new ArrayList<>(params.size());
        for (int i = 0; i < params.size(); i++) {
            out.add(value(params.get(i), i + 1));
        }
        return out;
    }

    /** @param rows a JSON array of parameter arrays */
    List<List<Object>> decodeRows(JsonNode rows, String field) {
        if (rows == null || rows.isNull() || !rows.isArray()) {
            throw ApiException.badRequest(field + " is required: an array of parameter arrays");
        }
        List<List<Object>> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            if (!rows.get(i).isArray()) {
                throw ApiException.badRequest(field + "[" + i + "] must be an array");
            }
            out.add(decode(rows.get(i), field + "[" + i + "]"));
        }
        return out;
    }

    private Object value(JsonNode node, int position) {
        if (node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual()) {
            String text = node.textValue();
            Object vector = vectorPositions.contains(position) ? PgArrays.parse(text) : null;
            return vector == null ? text : vector;
        }
        if (node.isArray()) {
            return array(node, position);
        }
        return node.toString();
    }

    private static Object array(JsonNode node, int position) {
        if (node.isEmpty() || isNumber(node.get(0))) {
            return vector(node, position);
        }
        float[][] rows = new float[node.size()][];
        for (int i = 0; i < rows.length; i++) {
            if (!node.get(i).isArray()) {
                throw notAVector(position);
            }
            rows[i] = vector(node.get(i), position);
        }
        return rows;
    }

    private static float[] vector(JsonNode node, int position) {
        float[] out = new float[node.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode x = node.get(i);
            if (!isNumber(x)) {
                throw notAVector(position);
            }
            out[i] = x.isNumber() ? x.floatValue() : Float.parseFloat(x.textValue());
        }
        return out;
    }

    /** JSON has no NaN or infinities: Jackson writes them as these strings, so they count as numbers in vectors. */
    private static boolean isNumber(JsonNode x) {
        return x.isNumber() || x.isTextual() && NON_FINITE.contains(x.textValue());
    }

    private static final java.util.Set<String> NON_FINITE = java.util.Set.of("NaN", "Infinity", "-Infinity");

    private static ApiException notAVector(int position) {
        return ApiException.badRequest("Parameter $" + position
                + ": an array parameter must be a vector (numbers) or a 2-D vector (arrays of numbers)");
    }
}
