package ai.deeplake.cli;

import ai.deeplake.server.DeeplakeServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code deeplake token}: prints a token that a {@code deeplake serve} with the same secret accepts. */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Print an API token (a JWT) for the server: use it as DEEPLAKE_API_KEY.")
final class TokenCommand implements Callable<Integer> {
    @Mixin
    ServerOptions server;

    @Option(names = "--org", required = true, description = "The organization the token acts for (its org_id).")
    String org;

    @Option(names = "--sub", description = "Who the token is for (default: the organization).")
    String sub;

    @Option(names = "--ttl", defaultValue = "30d", converter = DurationConverter.class,
            description = "How long the token is valid: 3600s, 90m, 12h, 30d or ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration ttl;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Path root = server.root(System.getenv());
        try {
            spec.commandLine().getOut().println(DeeplakeServer.mintToken(server.secret(root), org, sub, ttl));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        return 0;
    }
}
