package ai.deeplake.cli;

import ai.deeplake.Client;
import ai.deeplake.Row;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code deeplake query SQL}: runs SQL and prints the rows as a table, JSON or CSV. */
@Command(name = "query", mixinStandardHelpOptions = true, description = "Run SQL and print the result.")
final class QueryCommand implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", description = "SQL (PostgreSQL dialect, $1..$n parameters).")
    String sql;

    @Option(names = {"-p", "--param"}, description = "Value of the next $n parameter (numbers are passed as numbers).")
    List<String> params = new ArrayList<>();

    @Option(names = "--json", description = "Print the rows as a JSON array.")
    boolean json;

    @Option(names = "--csv", description = "Print the rows as CSV.")
    boolean csv;

    /** Statements that answer rows, even when none. */
    private static final Set<String> QUERIES = Set.of("SELECT", "WITH", "VALUES", "TABLE", "SHOW", "EXPLAIN", "DESCRIBE",
            "SUMMARIZE", "FROM", "PRAGMA");
    /** Words between {@code CREATE}/{@code DROP}/{@code ALTER} and the kind of object. */
    private static final Set<String> OBJECT_MODIFIERS = Set.of("OR", "REPLACE", "TEMP", "TEMPORARY", "UNIQUE", "IF", "NOT",
            "EXISTS");

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Client client = connection.connect()) {
            List<Row> rows = client.query(sql, params.stream().map(QueryCommand::parse).toArray());
            Optional<String> tag = rows.isEmpty() && !json && !csv ? commandTag(sql) : Optional.empty();
            if (tag.isPresent()) {
                out.println(tag.get());
            } else if (json) {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(rows));
            } else if (csv) {
                TablePrinter.csv(rows, out);
            } else {
                TablePrinter.aligned(rows, out);
            }
        }
        return 0;
    }

    /**
     * @return what psql prints for a statement that is not a query and returned nothing, its command
     *     ({@code CREATE TABLE}, {@code INSERT}, {@code DROP INDEX}); empty for a query, whose empty
     *     answer prints as {@code (0 rows)}
     */
    static Optional<String> commandTag(String sql) {
        List<String> words = Arrays.stream(sql.replaceAll("(?s)/\\*.*?\\*/|--[^\\n]*", " ").strip().split("[\\s(;]+"))
                .map(w -> w.toUpperCase(Locale.ROOT)).toList();
        String command = words.get(0);
        if (QUERIES.contains(command) || command.isEmpty()) {
            return Optional.empty();
        }
        if (!List.of("CREATE", "DROP", "ALTER").contains(command)) {
            return Optional.of(command);
        }
        return words.stream().skip(1).filter(w -> !OBJECT_MODIFIERS.contains(w)).findFirst().map(w -> command + " " + w)
                .or(() -> Optional.of(command));
    }

    /** @return a parameter as a Long or Double when it reads as one, else the text */
    static Object parse(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException notLong) {
            try {
                double d = Double.parseDouble(value);
                return Double.isFinite(d) ? (Object) d : value;
            } catch (NumberFormatException notNumber) {
                return value;
            }
        }
    }
}
