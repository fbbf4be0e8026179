package ai.deeplake.plugin.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake.api.Batch;
import ai.deeplake.api.Chunker;
import ai.deeplake.api.IngestError;
import ai.deeplake.api.IngestSettings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.JarPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * Checks the packaged plugin jar in a host like the real one: TwelveMonkeys is kept off this test's
 * class path (see the pom), and the thread context class loader stays the host's, so ImageIO's shared
 * registry cannot find the plugin's readers. A WebP and a JPEG the JDK rejects that still go through
 * prove the plugin reaches the TwelveMonkeys readers inside its own jar.
 */
class PluginJarIT {
    private static final Path JAR = Path.of(System.getProperty("plugin.jar"));
    private static final String ID = System.getProperty("plugin.id");

    @TempDir
    Path dir;

    @Test
    void jarHoldsTheChunkerAndTwelveMonkeysButNoHostTypes() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            assertEquals(ID, jar.getManifest().getMainAttributes().getValue("Plugin-Id"));
            JarEntry index = jar.getJarEntry("META-INF/extensions.idx");
            assertNotNull(index, JAR + " has no META-INF/extensions.idx: pf4j's annotation processor did not run");
            String content = new String(jar.getInputStream(index).readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(content.lines().anyMatch(ImageChunker.class.getName()::equals), content);

            List<String> names = jar.stream().map(JarEntry::getName).toList();
            assertTrue(names.contains("com/twelvemonkeys/imageio/plugins/webp/WebPImageReaderSpi.class"), "no WebP reader in the jar");
            assertTrue(names.contains("com/twelvemonkeys/imageio/plugins/jpeg/JPEGImageReaderSpi.class"), "no JPEG reader in the jar");
            List<String> shared = names.stream()
                    .filter(name -> name.startsWith("ai/deeplake/api/") || name.startsWith("org/pf4j/"))
                    .toList();
            assertTrue(shared.isEmpty(), "host types packed into the plugin: " + shared);
        }
    }

    @Test
    void pf4jLoadsTheChunkerAndItReadsWhatTheHostCannot() throws IOException {
        byte[] webp = TestImages.WEBP_2X2;
        byte[] jpeg = TestImages.fourComponentJpeg(TestImages.ADOBE_YCC_ON_FOUR_COMPONENTS);
        byte[] png = TestImages.write("png", 12, 8);
        // The host alone reads neither, so the plugin can only read them with its own readers.
        assertThrows(ClassNotFoundException.class, () -> Class.forName("com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi"));
        assertFalse(ImageIO.getImageReadersByFormatName("webp").hasNext(), "the host has a WebP reader");
        assertThrows(IIOException.class, () -> ImageIO.read(new ByteArrayInputStream(jpeg)));

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
            assertEquals("image", chunker.name());
            assertEquals(List.of("image"), chunker.imageColumns());

            for (Path file : List.of(Files.write(dir.resolve("a.webp"), webp), Files.write(dir.resolve("b.jpg"), jpeg),
                    Files.write(dir.resolve("c.png"), png))) {
                List<Batch> batches = new ArrayList<>();
                chunker.chunk(file, IngestSettings.defaults(), batches::add);
                assertEquals(1, batches.size(), file.toString());
                assertArrayEquals(Files.readAllBytes(file), batches.get(0).bytes("image")[0], file.toString());
                assertEquals(file.getFileName().toString(), batches.get(0).strings("filename")[0]);
            }

            // A broken image raises the host's IngestError, which only works if the api is not in the jar.
            Path cut = Files.write(dir.resolve("cut.webp"), Arrays.copyOf(webp, 26));
            IngestError e = assertThrows(IngestError.class, () -> chunker.chunk(cut, IngestSettings.defaults(), batch -> {}));
            assertTrue(e.getMessage().contains(cut.toString()), e.getMessage());
        } finally {
            // unloadPlugins() stops each plugin first; pf4j 3.15's stopPlugins() throws
            // ConcurrentModificationException once a plugin has started (pf4j issue #656).
            manager.unloadPlugins();
        }
    }
}
