package ai.deeplake.formats.huggingface;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake.api.Batch;
import ai.deeplake.api.ColumnType;
import ai.deeplake.api.Format;
import ai.deeplake.api.FormatFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * Checks the packaged plugin jar: indexed, described, free of host types (DuckDB, OkHttp, Jackson
 * must come from the host: a second DuckDB would bind its native library twice), and, loaded by
 * pf4j from a plugins folder, able to make the {@code huggingface} format by id and read a dataset
 * from a Hub on loopback.
 */
class PluginJarIT {
    private static final Path JAR = Path.of(System.getProperty("plugin.jar"));
    private static final String ID = System.getProperty("plugin.id");

    @TempDir
    Path dir;

    @Test
    void jarIndexesTheFactoryAndDescribesThePlugin() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            JarEntry index = jar.getJarEntry("META-INF/extensions.idx");
            assertNotNull(index, JAR + " has no META-INF/extensions.idx: pf4j's annotation processor did not run");
            String content = new String(jar.getInputStream(index).readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(content.lines().anyMatch(HuggingFaceFactory.class.getName()::equals), content);
            Attributes manifest = jar.getManifest().getMainAttributes();
            assertEquals("deeplake-format-huggingface", manifest.getValue("Plugin-Id"));
            assertEquals(System.getProperty("plugin.version"), manifest.getValue("Plugin-Version"));
            assertNotNull(manifest.getValue("Plugin-Description"));
        }
    }

    @Test
    void jarLeavesHostLibrariesOut() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            List<String> shared = jar.stream().map(JarEntry::getName)
                    .filter(n -> n.endsWith(".class") && !n.startsWith("ai/deeplake/formats/huggingface/"))
                    .toList();
            assertTrue(shared.isEmpty(), "classes other than the plugin's own packed into it: " + shared);
        }
    }

    @Test
    void pf4jLoadsTheFormatFromTheJarAndReadsADataset() throws IOException {
        Path plugins = Files.createDirectory(dir.resolve("plugins"));
        Files.copy(JAR, plugins.resolve(JAR.getFileName()));
        byte[] parquet = TestParquet.shapes(dir, HuggingFaceTest.TRAIN_0);
        PluginManager manager = new JarPluginManager(plugins);
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try (FakeHub hub = new FakeHub().add("acme/shapes", "default", "train", parquet)) {
            manager.loadPlugins();
            manager.startPlugins();
            PluginWrapper plugin = manager.getPlugin(ID);
            assertNotNull(plugin, "pf4j did not load " + ID + " from " + plugins);
            assertEquals(PluginState.STARTED, plugin.getPluginState());
            List<FormatFactory> factories = manager.getExtensions(FormatFactory.class, ID);
            assertEquals(List.of("huggingface"), factories.stream().map(FormatFactory::id).toList());
            assertSame(plugin.getPluginClassLoader(), factories.get(0).getClass().getClassLoader());

            // As in the distribution: the calling thread's context class loader knows none of the plugin's classes.
            thread.setContextClassLoader(ClassLoader.getPlatformClassLoader());
            Format format = factories.get(0).create(Map.of("name", "acme/shapes", "endpoint", hub.endpoint(),
                    "cacheDir", dir.resolve("cache").toString()));
            assertEquals(List.of("image"), format.imageColumns());
            assertEquals(ColumnType.CLASS_LABEL, format.schema().orElseThrow().column("label").orElseThrow().type());
            List<Batch> batches = new ArrayList<>();
            format.normalize(batches::add);
            assertEquals(1, batches.size());
            Batch batch = batches.get(0);
            assertArrayEquals(new long[] {0, 1, 2}, batch.longs("label"));
            assertEquals(List.of("circle", "square", "triangle"), List.of(batch.strings("label_name")));
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(HuggingFaceTest.TRAIN_0.get(i).png(), batch.bytes("image")[i]);
            }
        } finally {
            thread.setContextClassLoader(before);
            // unloadPlugins() stops each plugin first; pf4j 3.15's stopPlugins() throws
            // ConcurrentModificationException once a plugin has started (pf4j issue #656).
            manager.unloadPlugins();
        }
    }
}
