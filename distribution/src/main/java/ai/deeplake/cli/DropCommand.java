package ai.deeplake.cli;

import ai.deeplake.Client;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code deeplake drop TABLE}: drops a table. */
@Command(name = "drop", mixinStandardHelpOptions = true, description = "Drop a table.")
final class DropCommand implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", description = "Table to drop.")
    String table;

    @Option(names = "--if-exists", description = "Succeed when the table does not exist.")
    boolean ifExists;

    @Override
    public Integer call() {
        try (Client client = connection.connect()) {
            client.dropTable(table, ifExists);
            spec.commandLine().getOut().println("Dropped table '" + table + "'");
        }
        return 0;
    }
}
