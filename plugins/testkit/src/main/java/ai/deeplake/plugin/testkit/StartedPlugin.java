package ai.deeplake.plugin.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;
import java.util.List;
import org.pf4j.JarPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * A plugin pf4j loaded and started from a plugins folder, as {@link PluginJarContract#start()} makes it;
 * closing unloads it.
 *
 * @param manager the pf4j manager that loaded it
 * @param wrapper pf4j's handle on the plugin
 */
public record StartedPlugin(PluginManager manager, PluginWrapper wrapper) implements AutoCloseable {

    /** Loads and starts every jar in {@code plugins}, checking that plugin {@code id} is among them and started. */
    static StartedPlugin from(Path plugins, String id) {
        PluginManager manager = new JarPluginManager(plugins);
        try {
            manager.loadPlugins();
            manager.startPlugins();
            PluginWrapper wrapper = manager.getPlugin(id);
            assertNotNull(wrapper, "pf4j did not load " + id + " from " + plugins);
            assertEquals(PluginState.STARTED, wrapper.getPluginState());
            return new StartedPlugin(manager, wrapper);
        } catch (RuntimeException | Error e) {
            manager.unloadPlugins();
            throw e;
        }
    }

    /** The plugin's own class loader. */
    public ClassLoader classLoader() {
        return wrapper.getPluginClassLoader();
    }

    /** The extensions of {@code type} this plugin offers. */
    public <T> List<T> extensions(Class<T> type) {
        return manager.getExtensions(type, wrapper.getPluginId());
    }

    /** The one extension of {@code type} the plugin offers, checked to come from the plugin's class loader. */
    public <T> T single(Class<T> type) {
        List<T> extensions = extensions(type);
        assertEquals(1, extensions.size(), type.getSimpleName() + " extensions offered by " + wrapper.getPluginId());
        T extension = extensions.get(0);
        // Loaded from the jar, not from this test's class path.
        assertSame(classLoader(), extension.getClass().getClassLoader());
        return extension;
    }

    @Override
    public void close() {
        // unloadPlugins() stops each plugin first; pf4j 3.15's stopPlugins() throws
        // ConcurrentModificationException once a plugin has started (pf4j issue #656).
        manager.unloadPlugins();
    }
}
