package ai.deeplake.core.remote;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Adapts a statement and its {@code $n} parameters to what a pg_deeplake API takes: vector
 * parameters (float[], double[], lists of numbers, 2-D arrays) are inlined as
 * {@code ARRAY[...]::FLOAT4[]} literals, because the hosted API turns a list parameter into a
 * PostgreSQL array <em>string</em>; byte[] parameters travel as hex text wrapped in
 * {@code decode($n, 'hex')}. The remaining parameters are renumbered. Placeholders inside quoted
 * strings, quoted identifiers and comments are left alone.
 *
 * @param sql the statement to send
 * @param params the parameters to send, as JSON-ready values
 */
record RemoteParams(String sql, List<Object> params) {

    static RemoteParams of(String sql, List<Object> params) {
        int[] newIndex = new int[params.size() + 1];
        List<Object> kept = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            Object p = params.get(i);
            if (literal(p) == null) {
                kept.add(p instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : p);
                newIndex[i + 1] = kept.size();
            }
        }
        StringBuilder out = new StringBuilder(sql.length() + 64);
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            int end = skipQuotedOrComment(sql, i);
            if (end > i) {
                out.append(sql, i, end);
                i = end;
            } else if (c == '$' && i + 1 < sql.length() && Character.isDigit(sql.charAt(i + 1))) {
                int j = i + 1;
                while (j < sql.length() && Character.isDigit(sql.charAt(j))) {
                    j++;
                }
                int n = Integer.parseInt(sql.substring(i + 1, j));
                if (n < 1 || n > params.size()) {
                    out.append(sql, i, j);
                } else if (newIndex[n] == 0) {
                    out.append(literal(params.get(n - 1)));
                } else if (params.get(n - 1) instanceof byte[]) {
                    out.append("decode($").append(newIndex[n]).append(", 'hex')");
                } else {
                    out.append('$').append(newIndex[n]);
                }
                i = j;
            } else {
                out.append(c);
                i++;
            }
        }
        return new RemoteParams(out.toString(), kept);
    }

    /** @return the end of a quoted string, quoted identifier or comment starting at {@code i}, else {@code i} */
    private static int skipQuotedOrComment(String sql, int i) {
        char c = sql.charAt(i);
        if (c == '\'' || c == '"') {
            int j = i + 1;
            while (j < sql.length()) {
                if (sql.charAt(j) == c) {
                    if (j + 1 < sql.length() && sql.charAt(j + 1) == c) {
                        j += 2;
                        continue;
                    }
                    return j + 1;
                }
                j++;
            }
            return sql.length();
        }
        if (c == '-' && sql.startsWith("--", i)) {
            int nl = sql.indexOf('\n', i);
            return nl < 0 ? sql.length() : nl;
        }
        if (c == '/' && sql.startsWith("/*", i)) {
            int close = sql.indexOf("*/", i + 2);
            return close < 0 ? sql.length() : close + 2;
        }
        return i;
    }

    /** @return the ARRAY literal of a vector parameter, or null for any other value */
    static String literal(Object p) {
        if (p instanceof float[] || p instanceof double[] || isNumberList(p)) {
            return "ARRAY" + numbers(p) + "::FLOAT4[]";
        }
        if (p instanceof float[][] || p instanceof double[][] || (p instanceof List<?> rows && !rows.isEmpty()
                && rows.stream().allMatch(r -> r instanceof float[] || r instanceof double[] || isNumberList(r)))) {
            StringBuilder s = new StringBuilder("ARRAY[");
            Iterable<?> rows = p instanceof List<?> l ? l : List.of((Object[]) p);
            boolean first = true;
            for (Object row : rows) {
                s.append(first ? "" : ",").append(numbers(row));
                first = false;
            }
            return s.append("]::FLOAT4[][]").toString();
        }
        return null;
    }

    private static boolean isNumberList(Object p) {
        return p instanceof List<?> l && !l.isEmpty() && l.stream().allMatch(Number.class::isInstance);
    }

    private static String numbers(Object vector) {
        StringBuilder s = new StringBuilder("[");
        if (vector instanceof float[] f) {
            for (int i = 0; i < f.length; i++) {
                s.append(i == 0 ? "" : ",").append(number(f[i]));
            }
        } else if (vector instanceof double[] d) {
            for (int i = 0; i < d.length; i++) {
                s.append(i == 0 ? "" : ",").append(number(d[i]));
            }
        } else {
            List<?> l = (List<?>) vector;
            for (int i = 0; i < l.size(); i++) {
                s.append(i == 0 ? "" : ",").append(number(((Number) l.get(i)).doubleValue()));
            }
        }
        return s.append(']').toString();
    }

    private static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "'" + (Double.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity") + "'::FLOAT4";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", (float) v);
    }
}
