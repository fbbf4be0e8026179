package ai.deeplake.plugin.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake.api.Batch;
import ai.deeplake.api.Chunker;
import ai.deeplake.api.IngestSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
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
    void jarIndexesTheChunkerExtension() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            JarEntry index = jar.getJarEntry("META-INF/extensions.idx");
            assertNotNull(index, JAR + " has no META-INF/extensions.idx: pf4j's annotation processor did not run");
            String content = new String(jar.getInputStream(index).readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(content.lines().anyMatch(VideoChunker.class.getName()::equals), content);
        }
    }

    @Test
    void manifestDescribesThePlugin() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            Attributes manifest = jar.getManifest().getMainAttributes();
            assertEquals("deeplake-plugin-video", manifest.getValue("Plugin-Id"));
            assertEquals(System.getProperty("plugin.version"), manifest.getValue("Plugin-Version"));
            assertEquals("Deeplake", manifest.getValue("Plugin-Provider"));
            assertNotNull(manifest.getValue("Plugin-Description"));
        }
    }

    @Test
    void jarHoldsOnlyThePluginsOwnClasses() throws IOException {
        // No host types (loaded twice, they hide the extension) and no ffmpeg natives (the host's job).
        try (JarFile jar = new JarFile(JAR.toFile())) {
            List<String> foreign = jar.stream().map(JarEntry::getName)
                    .filter(name -> name.endsWith(".class") && !name.startsWith("ai/deeplake/plugin/video/"))
                    .toList();
            assertTrue(foreign.isEmpty(), "foreign classes packed into the plugin: " + foreign);
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
            // Loaded from the jar, not from this test's class path.
            assertSame(plugin.getPluginClassLoader(), chunker.getClass().getClassLoader());
            assertEquals("video", chunker.name());

            Path video = Videos.make(dir.resolve("a.mkv"), 15);
            List<Batch> batches = new ArrayList<>();
            chunker.chunk(video, new IngestSettings(1000, 200, 150, 1, dir.resolve("tmp")), batches::add);
            assertEquals(2, batches.size());
            assertEquals(10, batches.get(1).doubles("start_time")[0], 0.15);
            Videos.assertJpeg(batches.get(1).bytes("thumbnail")[0]);
            try (var left = Files.list(dir.resolve("tmp"))) {
                assertEquals(List.of(), left.toList());
            }
        } finally {
            // unloadPlugins() stops each plugin first; pf4j 3.15's stopPlugins() throws
            // ConcurrentModificationException once a plugin has started (pf4j issue #656).
            manager.unloadPlugins();
        }
    }
}
