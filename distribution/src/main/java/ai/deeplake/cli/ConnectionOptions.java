package ai.deeplake.cli;

import ai.deeplake.Client;
import ai.deeplake.core.plugin.PluginHost;
import java.nio.file.Path;
import java.util.List;
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

    @Option(names = "--plugins", split = ",", description = "Plugin folders (env DEEPLAKE_PLUGINS, default plugins/ of this distribution and ~/.deeplake/plugins).")
    List<Path> plugins = List.of();

    @Option(names = "--verbose", description = "Show the stack trace of an error.")
    boolean verbose;

    /** @return the plugin folders this command reads, the first being where installs go */
    List<Path> pluginRoots() {
        return plugins.isEmpty() ? PluginHost.defaultRoots(System.getenv("DEEPLAKE_PLUGINS")) : plugins;
    }

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
        b.pluginsDir(pluginRoots().toArray(Path[]::new));
        return b.build();
    }
}
