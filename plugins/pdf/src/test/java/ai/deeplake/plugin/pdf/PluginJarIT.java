package ai.deeplake.plugin.pdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake.api.Batch;
import ai.deeplake.api.Chunker;
import ai.deeplake.api.IngestError;
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
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pf4j.JarPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * Checks the packaged plugin jar, not the classes folder: a jar without {@code extensions.idx}, with
 * host types packed in, or whose PDFBox cannot find its own classes inside the plugin class loader
 * loads without error yet offers no chunker or fails on the first file.
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
            assertTrue(content.lines().anyMatch(PdfChunker.class.getName()::equals), content);
        }
    }

    @Test
    void manifestDescribesThePlugin() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            Attributes manifest = jar.getManifest().getMainAttributes();
            assertEquals("deeplake-plugin-pdf", manifest.getValue("Plugin-Id"));
            assertEquals(System.getProperty("plugin.version"), manifest.getValue("Plugin-Version"));
            assertEquals("Deeplake", manifest.getValue("Plugin-Provider"));
            assertNotNull(manifest.getValue("Plugin-Description"));
        }
    }

    @Test
    void jarHoldsPdfboxAndLeavesHostTypesOut() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            List<String> names = jar.stream().map(JarEntry::getName).toList();
            List<String> shared = names.stream()
                    .filter(name -> name.startsWith("ai/deeplake/api/") || name.startsWith("org/pf4j/")
                            || name.startsWith("org/slf4j/"))
                    .toList();
            assertTrue(shared.isEmpty(), "host types packed into the plugin: " + shared);
            for (String own : List.of("org/apache/pdfbox/Loader.class", "org/apache/pdfbox/io/RandomAccessRead.class",
                    "org/apache/fontbox/FontBoxFont.class", "org/apache/commons/logging/LogFactory.class")) {
                assertTrue(names.contains(own), own + " is missing from " + JAR);
            }
        }
    }

    /**
     * Chunks a PDF with the jar's chunker while the calling thread's context class loader is either
     * one that has no PDFBox at all (as in the distribution, whose lib/ has none) or this test's own,
     * which has a second PDFBox and commons-logging (as an application that uses PDFBox itself).
     */
    @ParameterizedTest(name = "context class loader: {0}")
    @ValueSource(strings = {"platform", "application"})
    void pf4jLoadsTheChunkerFromTheJarAndChunksAPdf(String contextLoader) throws IOException {
        Path plugins = Files.createDirectory(dir.resolve("plugins"));
        Files.copy(JAR, plugins.resolve(JAR.getFileName()));
        Path file = TestPdfs.letterPages(dir.resolve("three.pdf"), 3);
        PluginManager manager = new JarPluginManager(plugins);
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try {
            manager.loadPlugins();
            manager.startPlugins();
            PluginWrapper plugin = manager.getPlugin(ID);
            assertNotNull(plugin, "pf4j did not load " + ID + " from " + plugins);
            assertEquals(PluginState.STARTED, plugin.getPluginState());

            List<Chunker> chunkers = manager.getExtensions(Chunker.class, ID);
            assertEquals(1, chunkers.size(), "chunkers offered by " + ID);
            Chunker chunker = chunkers.get(0);
            // Loaded from the jar, PDFBox included, not from this test's class path.
            ClassLoader pluginLoader = plugin.getPluginClassLoader();
            assertSame(pluginLoader, chunker.getClass().getClassLoader());
            assertSame(pluginLoader, Class.forName("org.apache.pdfbox.Loader", false, pluginLoader).getClassLoader());
            assertEquals("pdf", chunker.name());

            thread.setContextClassLoader(contextLoader.equals("platform") ? ClassLoader.getPlatformClassLoader() : before);
            List<Batch> batches = new ArrayList<>();
            chunker.chunk(file, new IngestSettings(1000, 200, 72, 2, null), batches::add);
            assertEquals(1, batches.size());
            Batch batch = batches.get(0);
            assertArrayEquals(new long[] {0, 1, 2}, batch.longs("page_index"));
            assertEquals(IntStream.range(0, 3).mapToObj(TestPdfs::text).toList(), List.of(batch.strings("text")));
            for (byte[] png : batch.bytes("image")) {
                PdfChunkerTest.assertImage(png, 612, 792);
            }

            Path notPdf = Files.writeString(dir.resolve("fake.pdf"), "plain text");
            IngestError error = assertThrows(IngestError.class,
                    () -> chunker.chunk(notPdf, IngestSettings.defaults(), batches::add));
            assertTrue(error.getMessage().startsWith(notPdf + ": not a PDF file"), error.getMessage());
        } catch (ClassNotFoundException e) {
            throw new AssertionError("PDFBox is not inside " + JAR, e);
        } finally {
            thread.setContextClassLoader(before);
            // unloadPlugins() stops each plugin first; pf4j 3.15's stopPlugins() throws
            // ConcurrentModificationException once a plugin has started (pf4j issue #656).
            manager.unloadPlugins();
        }
    }
}
