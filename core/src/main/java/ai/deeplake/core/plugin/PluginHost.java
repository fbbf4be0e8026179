package ai.deeplake.core.plugin;

import ai.deeplake.api.Chunker;
import ai.deeplake.api.Format;
import ai.deeplake.api.FormatFactory;
import ai.deeplake.api.IngestError;
import com.google.inject.Guice;
import com.google.inject.Injector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.pf4j.DefaultPluginManager;
import org.pf4j.ExtensionFactory;
import org.pf4j.ExtensionPoint;
import org.pf4j.PluginManager;
import org.pf4j.PluginWrapper;

/**
 * Finds the chunker and format plugins: pf4j plugin jars in the plugins folders, and plugin classes
 * on the application's own class path (listed in their {@code META-INF/extensions.idx}). Extensions
 * are made by Guice. This is the one place that decides which chunker handles a file.
 */
public final class PluginHost implements AutoCloseable {
    private final PluginManager manager;
    private volatile List<Chunker> chunkers;

    /** @param roots plugin folders (at least one); missing ones are skipped */
    public PluginHost(List<Path> roots) {
        Injector injector = Guice.createInjector();
        List<Path> existing = roots.stream().filter(Files::isDirectory).distinct().toList();
        // pf4j falls back to ./plugins when given no folder, so with none the folders are not read at all.
        this.manager = new DefaultPluginManager(existing.isEmpty() ? roots : existing) {
            @Override
            protected ExtensionFactory createExtensionFactory() {
                return new GuiceExtensionFactory(injector);
            }
        };
        if (!existing.isEmpty()) {
            manager.loadPlugins();
            manager.startPlugins();
        }
    }

    /**
     * The default plugin folders: {@code DEEPLAKE_PLUGINS} (a path list) when set, else the
     * distribution's {@code plugins/} (system property {@code deeplake.home}) and
     * {@code ~/.deeplake/plugins}.
     */
    public static List<Path> defaultRoots(String deeplakePluginsEnv) {
        List<Path> roots = new ArrayList<>();
        if (deeplakePluginsEnv != null && !deeplakePluginsEnv.isBlank()) {
            for (String p : deeplakePluginsEnv.split(java.io.File.pathSeparator)) {
                if (!p.isBlank()) {
                    roots.add(Path.of(p));
                }
            }
            return roots;
        }
        String home = System.getProperty("deeplake.home");
        if (home != null) {
            roots.add(Path.of(home, "plugins"));
        }
        roots.add(Path.of(System.getProperty("user.home"), ".deeplake", "plugins"));
        return roots;
    }

    /** @return every chunker found, plugin folders first, then the class path */
    public List<Chunker> chunkers() {
        List<Chunker> found = chunkers;
        if (found == null) {
            found = pluginsFirst(manager.getExtensions(Chunker.class));
            chunkers = found;
        }
        return found;
    }

    /** @return every format factory found, plugin folders first, then the class path */
    public List<FormatFactory> formats() {
        return pluginsFirst(manager.getExtensions(FormatFactory.class));
    }

    /**
     * pf4j lists class-path extensions before plugin ones; an installed plugin jar must win over a copy
     * of the same extension on the application's class path, so the order is fixed here (stable sort).
     */
    private <T> List<T> pluginsFirst(List<T> extensions) {
        return extensions.stream()
                .sorted(Comparator.comparing((T e) -> manager.whichPlugin(e.getClass()) == null))
                .toList();
    }

    /**
     * @return the format of that id, made from the options
     * @throws IngestError naming the plugin to install when no installed plugin has the format
     */
    public Format format(String id, Map<String, String> options) {
        return formats().stream().filter(f -> f.id().equals(id)).findFirst()
                .orElseThrow(() -> new IngestError("no format '" + id + "' — " + KnownPlugins.forFormat(id)
                        .map(p -> "install the " + p + " plugin")
                        .orElse("installed formats: " + formats().stream().map(FormatFactory::id).sorted().toList())))
                .create(options);
    }

    /** @return the started plugins (id, version, description) */
    public List<PluginWrapper> plugins() {
        return manager.getStartedPlugins();
    }

    /** @return the plugin jar an extension came from, or empty for one on the application's class path */
    public Optional<PluginWrapper> pluginOf(ExtensionPoint extension) {
        return Optional.ofNullable(manager.whichPlugin(extension.getClass()));
    }

    /** @return our own plugins that are not installed, with the extensions each would handle */
    public Map<String, List<String>> missing() {
        Set<String> installed = new HashSet<>();
        plugins().forEach(p -> installed.add(p.getPluginId()));
        chunkers().forEach(c -> c.extensions().forEach(e -> KnownPlugins.forExtension(e).ifPresent(installed::add)));
        if (chunkers().stream().anyMatch(c -> c.extensions().contains(Chunker.ANY_EXTENSION))) {
            installed.add(KnownPlugins.FALLBACK);
        }
        Map<String, List<String>> missing = new TreeMap<>();
        KnownPlugins.byPlugin().forEach((plugin, extensions) -> {
            if (!installed.contains(plugin)) {
                missing.put(plugin, extensions);
            }
        });
        return missing;
    }

    /**
     * Picks the chunker for a file by its extension (case-insensitive); a file no chunker claims goes
     * to the fallback chunker.
     *
     * @throws IngestError naming the plugin to install when none handles the file
     */
    public Chunker chunkerFor(Path file) {
        String ext = extension(file);
        Optional<Chunker> exact = chunkers().stream().filter(c -> !ext.isEmpty() && c.extensions().contains(ext)).findFirst();
        if (exact.isPresent()) {
            return exact.get();
        }
        Optional<String> ours = KnownPlugins.forExtension(ext);
        if (ours.isPresent()) {
            throw new IngestError("no chunker for ." + ext + " files — install the " + ours.get() + " plugin");
        }
        return chunkers().stream().filter(c -> c.extensions().contains(Chunker.ANY_EXTENSION)).findFirst()
                .orElseThrow(() -> new IngestError("no chunker for " + (ext.isEmpty() ? "files without an extension" : "." + ext + " files")
                        + " — install the " + KnownPlugins.FALLBACK + " plugin"));
    }

    /** @return the lower-case extension of a file name without the dot, "" when there is none */
    static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot <= 0 || dot == name.length() - 1 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() {
        // unloadPlugins() stops each plugin first; stopPlugins() throws ConcurrentModificationException
        // once a plugin has started (pf4j 3.15, issue #656).
        manager.unloadPlugins();
    }
}
