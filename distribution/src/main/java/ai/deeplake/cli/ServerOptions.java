package ai.deeplake.cli;

import ai.deeplake.server.ServerSecret;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options {@code serve} and {@code token} share: where the server keeps its data and the
 * secret its tokens are signed with, so that both commands agree on them.
 */
final class ServerOptions {
    @Option(names = "--root", description = "The server's data folder (default: $DEEPLAKE_ROOT/server, else ~/.deeplake/server).")
    Path root;

    @Option(names = "--secret", defaultValue = "${env:DEEPLAKE_SERVER_SECRET}",
            description = "Token signing secret (env DEEPLAKE_SERVER_SECRET; default: the root's .server-secret, made when missing).")
    String secret;

    @Option(names = "--verbose", description = "Show the stack trace of an error.")
    boolean verbose;

    /** @return the data folder: {@code --root}, else {@code server/} under embedded mode's root */
    Path root(Map<String, String> env) {
        if (root != null) {
            return root;
        }
        String embedded = env.get("DEEPLAKE_ROOT");
        Path base = embedded == null || embedded.isBlank() ? Path.of(System.getProperty("user.home"), ".deeplake") : Path.of(embedded);
        return base.resolve("server");
    }

    /** @return {@code --secret} or the environment's, else the root's secret file (made when missing) */
    String secret(Path root) {
        return ServerSecret.resolve(secret, root);
    }
}
