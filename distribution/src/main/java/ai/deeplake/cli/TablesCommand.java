package ai.deeplake.cli;

import ai.deeplake.Client;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code deeplake tables}: lists the workspace's tables. */
@Command(name = "tables", mixinStandardHelpOptions = true, description = "List the tables of the workspace.")
final class TablesCommand implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try (Client client = connection.connect()) {
            client.listTables().forEach(spec.commandLine().getOut()::println);
        }
        return 0;
    }
}
