package ai.deeplake.cli;

import ai.deeplake.Client;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code deeplake index TABLE COLUMN...}: a deeplake_index on each column (HNSW for vectors, BM25 for text). */
@Command(name = "index", mixinStandardHelpOptions = true,
        description = "Index columns: EMBEDDING columns for vector search, TEXT columns for BM25 (an existing index is kept).")
final class IndexCommand implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", description = "The table.")
    String table;

    @Parameters(index = "1..*", arity = "1..*", description = "Columns to index.")
    List<String> columns = new ArrayList<>();

    @Override
    public Integer call() {
        try (Client client = connection.connect()) {
            for (String column : columns) {
                client.createIndex(table, column);
                spec.commandLine().getOut().println("Indexed column '" + column + "' of table '" + table + "'");
            }
        }
        return 0;
    }
}
