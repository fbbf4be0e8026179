package ai.deeplake.cli;

import ai.deeplake.server.DeeplakeServer;
import ai.deeplake.server.ServerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code deeplake serve}: the REST server of remote mode, until the process is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the Deeplake REST API over a local data folder (remote mode's server).")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    ServerOptions server;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Interface to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for all).")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--max-body-mb", defaultValue = "256", description = "Largest request body in MB (default: ${DEFAULT-VALUE}).")
    long maxBodyMb;

    @Option(names = "--max-queries", description = "Statements run at once (default: 2 per core, at least 4).")
    Integer maxQueries;

    @Option(names = "--query-timeout", defaultValue = "5m", converter = DurationConverter.class,
            description = "Timeout of a statement whose request sets none: 90s, 5m, 1h... (default: ${DEFAULT-VALUE}).")
    Duration queryTimeout;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        DeeplakeServer running = start();
        CountDownLatch stopped = new CountDownLatch(1);
        // Stopping with Ctrl-C or SIGTERM closes the workspaces, so their files are checkpointed.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
            stopped.countDown();
        }, "deeplake-serve-shutdown"));
        stopped.await();
        return 0;
    }

    /** Starts the server the options describe and says where it listens. */
    DeeplakeServer start() {
        Path root = server.root(System.getenv());
        ServerConfig defaults = ServerConfig.defaults(root, server.secret(root));
        ServerConfig config = defaults.withHost(host).withPort(port).withMaxBodyBytes(maxBodyMb << 20)
                .withConcurrency(maxQueries == null ? defaults.maxConcurrentQueries() : maxQueries, defaults.queueWait())
                .withDefaultQueryTimeout(queryTimeout);
        DeeplakeServer running = DeeplakeServer.start(config);
        spec.commandLine().getOut().println("Deeplake server listening on " + running.baseUrl() + " with data in " + root.toAbsolutePath());
        spec.commandLine().getOut().println("Mint a token with: deeplake token --org <org> --root " + root.toAbsolutePath());
        spec.commandLine().getOut().flush();
        return running;
    }
}
