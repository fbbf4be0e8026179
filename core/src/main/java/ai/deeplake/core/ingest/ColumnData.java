package ai.deeplake.core.ingest;

import ai.deeplake.api.Batch;
import ai.deeplake.api.IngestError;
import ai.deeplake.api.Schema;
import ai.deeplake.api.Schema.Column;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Turns column data given as Java lists into {@link Batch}es of the decided schema, converting each
 * value to its column's type and naming the column and row of any value that does not fit.
 */
final class ColumnData {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ColumnData() {}

    /** @return rows {@code [from, to)} of the columns as a batch */
    static Batch batch(Schema schema, Map<String, List<?>> columns, int from, int to) {
        Batch.Builder b = Batch.builder();
        for (Column column : schema.columns()) {
            List<?> values = columns.get(column.name()).subList(from, to);
            BitSet nulls = new BitSet();
            b.column(column.name(), convert(column, values, from, nulls), nulls);
        }
        return b.build();
    }

    private static Object convert(Column column, List<?> values, int offset, BitSet nulls) {
        int n = values.size();
        switch (column.type().kind()) {
            case TEXT -> {
                String[] out = new String[n];
                for (int i = 0; i < n; i++) {
                    out[i] = text(column, values.get(i), offset + i);
                }
                return out;
            }
            case INTEGER -> {
                long[] out = new long[n];
                for (int i = 0; i < n; i++) {
                    Object v = values.get(i);
                    if (v == null) {
                        nulls.set(i);
                    } else {
                        out[i] = integer(column, v, offset + i);
                    }
                }
                return out;
            }
            case FLOAT64 -> {
                double[] out = new double[n];
                for (int i = 0; i < n; i++) {
                    Object v = values.get(i);
                    if (v == null) {
                        nulls.set(i);
                    } else {
                        out[i] = number(column, v, offset + i).doubleValue();
                    }
                }
                return out;
            }
            case FLOAT32 -> {
                float[] out = new float[n];
                for (int i = 0; i < n; i++) {
                    Object v = values.get(i);
                    if (v == null) {
                        nulls.set(i);
                    } else {
                        out[i] = number(column, v, offset + i).floatValue();
                    }
                }
                return out;
            }
            case BOOLEAN -> {
                boolean[] out = new boolean[n];
                for (int i = 0; i < n; i++) {
                    Object v = values.get(i);
                    if (v == null) {
                        nulls.set(i);
                    } else if (v instanceof Boolean flag) {
                        out[i] = flag;
                    } else {
                        throw mismatch(column, v, offset + i);
                    }
                }
                return out;
            }
            case BYTES -> {
                byte[][] out = new byte[n][];
                for (int i = 0; i < n; i++) {
                    Object v = values.get(i);
                    if (v != null && !(v instanceof byte[])) {
                        throw mismatch(column, v, offset + i);
                    }
                    out[i] = (byte[]) v;
                }
                return out;
            }
            case VECTOR -> {
                float[][] out = new float[n][];
                for (int i = 0; i < n; i++) {
                    out[i] = vector(column, values.get(i), offset + i);
                }
                return out;
            }
            default -> throw new IllegalStateException("unhandled kind " + column.type().kind());
        }
    }

    private static String text(Column column, Object v, int row) {
        if (v == null || v instanceof String) {
            return (String) v;
        }
        if (v instanceof CharSequence || v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        if (v instanceof Map<?, ?> || v instanceof Collection<?>) {
            try {
                return JSON.writeValueAsString(v);
            } catch (JsonProcessingException e) {
                throw new IngestError("Column '" + column.name() + "' row " + row + " cannot be written as JSON: " + e.getOriginalMessage(), e);
            }
        }
        throw mismatch(column, v, row);
    }

    private static long integer(Column column, Object v, int row) {
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger big && big.bitLength() < 64) {
            return big.longValue();
        }
        throw mismatch(column, v, row);
    }

    private static Number number(Column column, Object v, int row) {
        if (v instanceof Number n) {
            return n;
        }
        throw mismatch(column, v, row);
    }

    private static float[] vector(Column column, Object v, int row) {
        if (v == null) {
            return null;
        }
        if (vectorLength(column.name(), row, v) < 0) {
            throw mismatch(column, v, row);
        }
        float[] out;
        if (v instanceof float[] f) {
            out = f;
        } else if (v instanceof double[] d) {
            out = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                out[i] = (float) d[i];
            }
        } else {
            List<?> list = (List<?>) v;
            out = new float[list.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = ((Number) list.get(i)).floatValue();
            }
        }
        if (column.size() > 0 && out.length != column.size()) {
            throw new IngestError("Column '" + column.name() + "' row " + row + " has " + out.length + " values; the column holds vectors of "
                    + column.size());
        }
        return out;
    }

    /**
     * @return the length of a vector value, -1 for null
     * @throws IngestError when the value is not a vector (float[], double[] or a list of numbers)
     */
    static int vectorLength(String column, int row, Object v) {
        if (v == null) {
            return -1;
        }
        if (v instanceof float[] f) {
            return f.length;
        }
        if (v instanceof double[] d) {
            return d.length;
        }
        if (v instanceof List<?> list) {
            for (Object item : list) {
                if (!(item instanceof Number)) {
                    throw new IngestError("Column '" + column + "' row " + row + " is a list holding a non-number ("
                            + (item == null ? "null" : item.getClass().getSimpleName()) + ")");
                }
            }
            return list.size();
        }
        throw new IngestError("Column '" + column + "' row " + row + " holds a " + v.getClass().getSimpleName()
                + ", not a vector (float[], double[] or a list of numbers)");
    }

    private static IngestError mismatch(Column column, Object v, int row) {
        return new IngestError("Column '" + column.name() + "' is " + column.typeName() + " but row " + row + " holds a "
                + v.getClass().getSimpleName() + " (" + abbreviate(v) + ")");
    }

    private static String abbreviate(Object v) {
        String s = String.valueOf(v);
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}
