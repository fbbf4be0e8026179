package ai.deeplake.server;

import java.util.ArrayList;
import java.util.List;

/** Reads PostgreSQL's text form of a numeric array: {@code {0.1,0.2}} or, 2-D, {@code {{1,2},{3,4}}}. */
final class PgArrays {
    private PgArrays() {}

    /** @return a {@code float[]} or {@code float[][]}, or null when the text is not a numeric array literal */
    static Object parse(String text) {
        String s = text.strip();
        if (s.length() < 2 || s.charAt(0) != '{' || s.charAt(s.length() - 1) != '}') {
            return null;
        }
        String inner = s.substring(1, s.length() - 1).strip();
        if (!inner.startsWith("{")) {
            return numbers(inner);
        }
        List<float[]> rows = new ArrayList<>();
        int i = 0;
        while (i < inner.length()) {
            int open = inner.indexOf('{', i);
            int close = inner.indexOf('}', open + 1);
            if (open != i || close < 0) {
                return null;
            }
            float[] row = numbers(inner.substring(open + 1, close));
            if (row == null) {
                return null;
            }
            rows.add(row);
            i = skipSeparator(inner, close + 1);
            if (i < 0) {
                return null;
            }
        }
        return rows.toArray(new float[0][]);
    }

    /** @return the index after {@code ,} and blanks, the length at the end, or -1 on anything else */
    private static int skipSeparator(String s, int from) {
        int i = from;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return i;
        }
        if (s.charAt(i) != ',') {
            return -1;
        }
        i++;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i == s.length() ? -1 : i;
    }

    private static float[] numbers(String list) {
        if (list.isBlank()) {
            return new float[0];
        }
        String[] parts = list.split(",", -1);
        float[] out = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].strip();
            if (p.isEmpty() || !isNumber(p)) {
                return null;
            }
            out[i] = Float.parseFloat(p);
        }
        return out;
    }

    /** Float.parseFloat also takes "NaN", hex floats and a trailing 'f'; PostgreSQL's literals are plainer. */
    private static boolean isNumber(String p) {
        return p.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    }
}
