package ai.deeplake.cli;

import ai.deeplake.Row;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Prints rows for people: an aligned table (binary values summarised), or CSV. */
final class TablePrinter {
    private static final int MAX_WIDTH = 60;

    private TablePrinter() {}

    static void aligned(List<Row> rows, PrintWriter out) {
        if (rows.isEmpty()) {
            out.println("(0 rows)");
            return;
        }
        List<String> columns = new ArrayList<>(rows.get(0).keySet());
        int[] widths = columns.stream().mapToInt(String::length).toArray();
        List<String[]> cells = new ArrayList<>();
        for (Row row : rows) {
            String[] line = new String[columns.size()];
            for (int c = 0; c < line.length; c++) {
                line[c] = cell(row.get(columns.get(c)));
                widths[c] = Math.max(widths[c], line[c].length());
            }
            cells.add(line);
        }
        printLine(out, columns.toArray(String[]::new), widths);
        String[] rule = new String[widths.length];
        for (int c = 0; c < widths.length; c++) {
            rule[c] = "-".repeat(widths[c]);
        }
        printLine(out, rule, widths);
        cells.forEach(line -> printLine(out, line, widths));
        out.printf("(%d row%s)%n", rows.size(), rows.size() == 1 ? "" : "s");
    }

    private static void printLine(PrintWriter out, String[] values, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < values.length; c++) {
            line.append(c == 0 ? "" : " | ").append(String.format("%-" + widths[c] + "s", values[c]));
        }
        out.println(line.toString().stripTrailing());
    }

    /** @return a value as one short line: binary as {@code <image/png 12.3 KB>}, long vectors abbreviated */
    static String cell(Object v) {
        String s;
        if (v == null) {
            s = "NULL";
        } else if (v instanceof byte[] bytes) {
            s = "<" + MediaTypes.sniff(bytes) + " " + size(bytes.length) + ">";
        } else if (v instanceof float[] f) {
            s = f.length <= 8 ? Arrays.toString(f) : "[" + f[0] + ", " + f[1] + ", ... " + f.length + " floats]";
        } else {
            s = v.toString();
        }
        s = s.replace('\n', ' ').replace('\r', ' ');
        return s.length() > MAX_WIDTH ? s.substring(0, MAX_WIDTH - 3) + "..." : s;
    }

    private static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        return bytes < 1024 * 1024 ? String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0)
                : String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }

    static void csv(List<Row> rows, PrintWriter out) {
        if (rows.isEmpty()) {
            return;
        }
        List<String> columns = new ArrayList<>(rows.get(0).keySet());
        out.println(String.join(",", columns.stream().map(TablePrinter::csvField).toList()));
        for (Row row : rows) {
            out.println(String.join(",", columns.stream().map(c -> csvField(csvValue(row.get(c)))).toList()));
        }
    }

    private static String csvValue(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof byte[] bytes) {
            return "\\x" + java.util.HexFormat.of().formatHex(bytes);
        }
        if (v instanceof float[] f) {
            return Arrays.toString(f);
        }
        return v.toString();
    }

    private static String csvField(String s) {
        boolean quote = s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r");
        return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
