package ai.deeplake.cli;

import ai.deeplake.api.Chunker;
import ai.deeplake.api.FormatFactory;
import ai.deeplake.api.IngestError;
import ai.deeplake.core.plugin.PluginHost;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.jar.JarFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code deeplake plugins [install JAR | remove ID]}: what is installed, what each handles, what is missing. */
@Command(name = "plugins", mixinStandardHelpOptions = true, description = "List, install or remove plugins.",
        subcommands = {PluginsCommand.Install.class, PluginsCommand.Remove.class})
final class PluginsCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ConnectionOptions options;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Path> roots = options.pluginRoots();
        try (PluginHost host = new PluginHost(roots)) {
            out.println("Installed (plugins folders: " + roots + "):");
            for (Chunker c : host.chunkers()) {
                String from = host.pluginOf(c).map(p -> p.getPluginId() + " " + p.getDescriptor().getVersion()).orElse("class path");
                out.printf("  %-28s chunker %-8s %s%n", from, c.name(), new TreeSet<>(c.extensions()));
            }
            for (FormatFactory f : host.formats()) {
                String from = host.pluginOf(f).map(p -> p.getPluginId() + " " + p.getDescriptor().getVersion()).orElse("class path");
                out.printf("  %-28s format  %-8s %s%n", from, f.id(), f.description());
            }
            var missing = host.missing();
            if (!missing.isEmpty()) {
                out.println("Not installed:");
                missing.forEach((plugin, extensions) -> out.printf("  %-28s for %s%n", plugin, extensions));
            }
        }
        return 0;
    }

    /** @return the Plugin-Id of a pf4j plugin jar */
    static Optional<String> pluginId(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return Optional.ofNullable(file.getManifest()).map(m -> m.getMainAttributes().getValue("Plugin-Id"));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** {@code deeplake plugins install JAR}. */
    @Command(name = "install", mixinStandardHelpOptions = true, description = "Copy a plugin jar into the plugins folder.")
    static final class Install implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        ConnectionOptions options;

        @Parameters(index = "0", description = "The plugin jar.")
        Path jar;

        @Override
        public Integer call() throws IOException {
            String id = pluginId(jar).orElseThrow(() -> new IngestError(jar + " is not a Deeplake plugin jar (no Plugin-Id in its manifest)"));
            Path folder = options.pluginRoots().get(0);
            Files.createDirectories(folder);
            Path target = folder.resolve(jar.getFileName());
            Files.copy(jar, target, StandardCopyOption.REPLACE_EXISTING);
            spec.commandLine().getOut().println("Installed " + id + " into " + target);
            return 0;
        }
    }

    /** {@code deeplake plugins remove ID}. */
    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a plugin by its id.")
    static final class Remove implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        ConnectionOptions options;

        @Parameters(index = "0", description = "The plugin id, e.g. deeplake-plugin-pdf.")
        String id;

        @Override
        public Integer call() {
            for (Path folder : options.pluginRoots()) {
                if (!Files.isDirectory(folder)) {
                    continue;
                }
                try (DirectoryStream<Path> jars = Files.newDirectoryStream(folder, "*.jar")) {
                    for (Path jar : jars) {
                        if (pluginId(jar).filter(id::equals).isPresent()) {
                            Files.delete(jar);
                            spec.commandLine().getOut().println("Removed " + id + " (" + jar + ")");
                            return 0;
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("Reading plugins folder " + folder + " failed", e);
                }
            }
            throw new IngestError("No installed plugin has the id '" + id + "' (folders: " + options.pluginRoots() + ")");
        }
    }
}
