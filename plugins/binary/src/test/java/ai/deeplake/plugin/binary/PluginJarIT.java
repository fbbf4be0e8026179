package ai.deeplake.plugin.binary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake.api.Batch;
import ai.deeplake.api.Chunker;
import ai.deeplake.api.IngestSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.JarPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * Checks the packaged plugin jar, not the classes folder: a jar without {@code extensions.idx} or with
 * host types packed in loads without error yet offers no chunker.
 */
class PluginJarIT {
    private static final Path JAR = Path.of(System.getProperty("plugin.jar"));
    private static final String ID = System.getProperty("plugin.id");

    @TempDir
    Path dir;

    @Test
    void jarHoldsTheChunkerAndNoHostTypes() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            assertEquals(ID, jar.getManifest().getMainAttributes().getValue("Plugin-Id"));
            List<String> shared = jar.stream().map(JarEntry::getName)
                    .filter(name -> name.startsWith("ai/deeplake/api/") || name.startsWith("org/pf4j/"))
                    .toList();
            assertTrue(shared.isEmpty(), "host types packed into the plugin: " + shared);
        }
    }

    @Test
    void pf4jLoadsTheChunkerFromTheJar() throws IOException {
        Path plugins = Files.createDirectory(dir.resolve("plugins"));
        Files.copy(JAR, plugins.resolve(JAR.getFileName()));
        PluginManager manager = new JarPluginManager(plugins);
        try {
            manager.loadPlugins();
            manager.startPlugins();
            PluginWrapper plugin = manager.getPlugin(ID);
            assertNotNull(plugin, "pf4j did not load " + ID + " from " + plugins);
            assertEquals(PluginState.STARTED, plugin.getPluginState());

            List<Chunker> chunkers = manager.getExtensions(Chunker.class, ID);
            assertEquals(1, chunkers.size(), "chunkers offered by " + ID);
            Chunker chunker = chunkers.get(0);
            assertSame(plugin.getPluginClassLoader(), chunker.getClass().getClassLoader());
            assertEquals("binary", chunker.name());
            assertEquals(Set.of(Chunker.ANY_EXTENSION), chunker.extensions());

            byte[] content = {0, 1, 2, (byte) 0xFF};
            Path file = Files.write(dir.resolve("scan.dcm"), content);
            List<Batch> batches = new ArrayList<>();
            chunker.chunk(file, IngestSettings.defaults(), batches::add);
            assertEquals(1, batches.size());
            assertArrayEquals(content, batches.get(0).bytes("data")[0]);
            assertEquals("scan.dcm", batches.get(0).strings("filename")[0]);
        } finally {
            // unloadPlugins() stops each plugin first; pf4j 3.15's stopPlugins() throws
            // ConcurrentModificationException once a plugin has started (pf4j issue #656).
            manager.unloadPlugins();
        }
    }
}
