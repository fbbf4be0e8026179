package ai.deeplake.core.remote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

/**
 * Turns values of a columnar query answer into {@link ai.deeplake.Row} values, the same as the
 * embedded engine gives: bytea as {@code "\x<hex>"} (or base64, which the hosted API may send for
 * images) -> byte[]; JSON arrays of numbers or PostgreSQL array text ({@code {0.1,0.2}}) -> float[]
 * (2-D -> float[][]); integers -> Long; other numbers -> Double; JSON objects (JSON columns) ->
 * their JSON text.
 */
final class WireValues {
    private WireValues() {}

    /**
     * @param type the column's type when the server says it (our server's {@code column_types}), else
     *     null; it resolves what the value alone cannot (base64 images, array text, JSON text)
     */
    static Object decode(JsonNode v, String type) {
        String t = type == null ? "" : type.toUpperCase(Locale.ROOT);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isIntegralNumber()) {
            return v.canConvertToLong() ? (Object) v.longValue() : v.bigIntegerValue();
        }
        if (v.isNumber()) {
            // FLOAT32 columns read back as Float, as from the embedded engine.
            return isFloat32(t) ? (Object) v.floatValue() : (Object) v.doubleValue();
        }
        if (v.isTextual() && NON_FINITE.contains(v.textValue()) && (isFloat32(t) || FLOAT64.contains(t))) {
            double x = Double.parseDouble(v.textValue());
            return isFloat32(t) ? (Object) (float) x : (Object) x;
        }
        if (v.isTextual()) {
            return text(v.textValue(), t);
        }
        if (v.isArray() && !t.equals("JSON")) {
            Object vector = vector(v);
            if (vector != null) {
                return vector;
            }
        }
        try {
            return ApiClient.JSON.writeValueAsString(v);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON value cannot be written back", e);
        }
    }

    /** JSON has no NaN or infinities: Jackson writes them as these strings. */
    private static final Set<String> NON_FINITE = Set.of("NaN", "Infinity", "-Infinity");
    private static final Set<String> FLOAT64 = Set.of("FLOAT64", "DOUBLE", "FLOAT8", "DOUBLE PRECISION");

    private static boolean isFloat32(String type) {
        return type.equals("FLOAT32") || type.equals("FLOAT") || type.equals("REAL") || type.equals("FLOAT4");
    }

    private static boolean isNumber(JsonNode x) {
        return x.isNumber() || x.isTextual() && NON_FINITE.contains(x.textValue());
    }

    private static Object text(String s, String type) {
        boolean binary = isBinary(type);
        if (s.startsWith("\\x") && (binary || type.isEmpty()) && isHex(s, 2)) {
            return HexFormat.of().parseHex(s, 2, s.length());
        }
        if (binary) {
            return Base64.getDecoder().decode(s);
        }
        if (isVector(type) && s.startsWith("{") && s.endsWith("}")) {
            return arrayText(s);
        }
        return s;
    }

    private static boolean isBinary(String type) {
        return type.equals("BYTEA") || type.equals("BLOB") || type.equals("BINARY") || type.equals("IMAGE") || type.equals("VIDEO")
                || type.equals("SEGMENT_MASK") || type.equals("BINARY_MASK") || type.equals("MESH") || type.equals("MEDICAL");
    }

    private static boolean isVector(String type) {
        return type.endsWith("]") || type.startsWith("EMBEDDING") || type.equals("BOUNDING_BOX") || type.equals("POINT")
                || type.equals("POLYGON") || type.startsWith("_FLOAT");
    }

    private static boolean isHex(String s, int from) {
        if ((s.length() - from) % 2 != 0) {
            return false;
        }
        for (int i = from; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** @return float[] for an array of numbers, float[][] for an array of those, else null */
    private static Object vector(JsonNode array) {
        if (array.isEmpty()) {
            return null;
        }
        if (isNumber(array.get(0))) {
            float[] out = new float[array.size()];
            for (int i = 0; i < out.length; i++) {
                JsonNode x = array.get(i);
                if (!isNumber(x)) {
                    return null;
                }
                out[i] = x.isNumber() ? x.floatValue() : Float.parseFloat(x.textValue());
            }
            return out;
        }
        float[][] rows = new float[array.size()][];
        for (int i = 0; i < rows.length; i++) {
            if (!array.get(i).isArray() || !(vector(array.get(i)) instanceof float[] row)) {
                return null;
            }
            rows[i] = row;
        }
        return rows;
    }

    /** PostgreSQL array text: {@code {0.1,0.2}} or {@code {{1,2},{3,4}}}. */
    private static Object arrayText(String s) {
        String inner = s.substring(1, s.length() - 1).trim();
        if (inner.startsWith("{")) {
            String[] rows = inner.substring(1, inner.length() - 1).split("\\}\\s*,\\s*\\{");
            float[][] out = new float[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                out[i] = (float[]) arrayText("{" + rows[i] + "}");
            }
            return out;
        }
        if (inner.isEmpty()) {
            return new float[0];
        }
        String[] items = inner.split(",");
        float[] out = new float[items.length];
        for (int i = 0; i < items.length; i++) {
            out[i] = Float.parseFloat(items[i].trim());
        }
        return out;
    }
}
