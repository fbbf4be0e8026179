package ai.deeplake.cli;

import ai.deeplake.Client;
import ai.deeplake.Row;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
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

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Client client = connection.connect()) {
            List<Row> rows = client.query(sql, params.stream().map(QueryCommand::parse).toArray());
            if (json) {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(rows));
            } else if (csv) {
                TablePrinter.csv(rows, out);
            } else {
                TablePrinter.aligned(rows, out);
            }
        }
        return 0;
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
