package ai.deeplake.server;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Writes result values as JSON, the one place that decides their wire form: bytes as PostgreSQL's
 * {@code "\\x<hex>"} text, vectors as arrays of numbers, JSON columns as the JSON value itself,
 * numbers, booleans and text as JSON scalars, other values (timestamps, UUIDs...) as their text.
 * Non-finite floats become the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}.
 */
final class ValueWriter {
    private static final HexFormat HEX = HexFormat.of();

    private ValueWriter() {}

    static void write(JsonGenerator g, WireColumn.Encoding encoding, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
            return;
        }
        switch (encoding) {
            case JSON -> g.writeRawValue(value.toString());
            case BINARY -> g.writeString(hex((byte[]) value));
            default -> writeAny(g, value);
        }
    }

    /** @return PostgreSQL's text form of bytea */
    static String hex(byte[] bytes) {
        return "\\x" + HEX.formatHex(bytes);
    }

    private static void writeAny(JsonGenerator g, Object value) throws IOException {
        if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof Long n) {
            g.writeNumber(n);
        } else if (value instanceof Double d) {
            g.writeNumber(d);
        } else if (value instanceof Float f) {
            g.writeNumber(f);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof float[] v) {
            g.writeStartArray(v, v.length);
            for (float x : v) {
                g.writeNumber(x);
            }
            g.writeEndArray();
        } else if (value instanceof float[][] m) {
            g.writeStartArray(m, m.length);
            for (float[] v : m) {
                writeAny(g, v);
            }
            g.writeEndArray();
        } else if (value instanceof byte[] bytes) {
            g.writeString(hex(bytes));
        } else if (value instanceof BigInteger n) {
            g.writeNumber(n);
        } else if (value instanceof BigDecimal n) {
            g.writeNumber(n);
        } else if (value instanceof Number n) {
            g.writeNumber(n.doubleValue());
        } else if (value instanceof List<?> list) {
            g.writeStartArray();
            for (Object item : list) {
                if (item == null) {
                    g.writeNull();
                } else {
                    writeAny(g, item);
                }
            }
            g.writeEndArray();
        } else if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                if (e.getValue() == null) {
                    g.writeNull();
                } else {
                    writeAny(g, e.getValue());
                }
            }
            g.writeEndObject();
        } else {
            g.writeString(value.toString());
        }
    }
}
