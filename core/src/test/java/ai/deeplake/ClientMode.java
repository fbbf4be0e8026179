package ai.deeplake;

import java.nio.file.Path;
import java.util.Map;

/**
 * How the Client suites reach a fresh workspace. The same suites run embedded (here) and remote
 * (against a real {@code deeplake serve} on a loopback port, in the server module), with the same
 * assertions.
 */
public interface ClientMode {
    /** Embedded: a DuckDB workspace in the scratch folder; the environment is ignored. */
    ClientMode EMBEDDED = (scratch, pluginDirs) ->
            Client.builder().root(scratch).workspace("ws").pluginsDir(pluginDirs).env(Map.of()).build();

    /**
     * @param scratch an empty folder the mode may use
     * @param pluginDirs plugin folders for file ingest (none: the defaults and the class path)
     * @return a client on an empty workspace of its own
     */
    Client connect(Path scratch, Path... pluginDirs);

    /** Lets suites in other modules configure a client as these do: without reading the environment. */
    static Client.Builder isolated(Client.Builder builder) {
        return builder.env(Map.of());
    }

    /** Lets suites in other modules give a client an environment of their own (a Hub endpoint, say) instead of the process's. */
    static Client.Builder withEnv(Client.Builder builder, Map<String, String> env) {
        return builder.env(env);
    }
}
