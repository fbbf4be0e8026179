package ai.deeplake.cli;

import ai.deeplake.Client;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every command takes to reach a workspace; unset ones fall back to the environment. */
final class ConnectionOptions {
    @Option(names = "--workspace", description = "Workspace (env DEEPLAKE_WORKSPACE, default \"default\").")
    String workspace;

    @Option(names = "--root", description = "Embedded mode's data folder (env DEEPLAKE_ROOT, default ~/.deeplake).")
    Path root;

    @Option(names = "--api-url", description = "Server URL; selects remote mode (env DEEPLAKE_API_URL).")
    String apiUrl;

    @Option(names = "--token", description = "API token for remote mode (env DEEPLAKE_API_KEY).")
    String token;

    @Option(names = "--verbose", description = "Show the stack trace of an error.")
    boolean verbose;

    Client connect() {
        Client.Builder b = Client.builder();
        if (workspace != null) {
            b.workspace(workspace);
        }
        if (root != null) {
            b.root(root);
        }
        if (apiUrl != null) {
            b.apiUrl(apiUrl);
        }
        if (token != null) {
            b.token(token);
        }
        return b.build();
    }
}
