package ai.deeplake.cli;

import ai.deeplake.api.ManagedServiceError;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code deeplake} command. Exit codes: 0 success, 1 a user error reported in one line (with
 * {@code --verbose}, the stack trace too), 2 a usage error.
 */
@Command(name = "deeplake", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Ingest files and datasets into Deeplake tables and query them.",
        subcommands = {IngestCommand.class, QueryCommand.class, TablesCommand.class, DropCommand.class, IndexCommand.class, PluginsCommand.class,
                ServeCommand.class, TokenCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given output streams; @return the exit code */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out).setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            // The command that failed, e.g. `plugins remove`, holds the option, not the top-level parse.
            boolean verbose = commandLine.getParseResult().hasMatchedOption("--verbose");
            commandLine.getErr().println(describe(e));
            if (verbose) {
                e.printStackTrace(commandLine.getErr());
            }
            commandLine.getErr().flush();
            return 1;
        });
        return cli.execute(args);
    }

    /** @return the one-line message a user sees: the SDK error's class and message */
    static String describe(Exception e) {
        if (e instanceof ManagedServiceError) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        return "Error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    /** Reads the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"deeplake " + (v == null ? "(development build)" : v)};
        }
    }
}
