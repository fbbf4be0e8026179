package ai.deeplake.plugin.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake.api.Batch;
import ai.deeplake.api.Chunker;
import ai.deeplake.api.IngestError;
import ai.deeplake.api.IngestSettings;
import ai.deeplake.plugin.testkit.ExpectedJar;
import ai.deeplake.plugin.testkit.PluginJarContract;
import ai.deeplake.plugin.testkit.StartedPlugin;
import java.io.ByteArrayInputStream;
import java.io.IOException;
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

/**
 * The shared jar checks, in a host like the real one: TwelveMonkeys is kept off this test's class
 * path (see the pom), and the thread context class loader stays the host's, so ImageIO's shared
 * registry cannot find the plugin's readers. A WebP and a JPEG the JDK rejects that still go through
 * prove the plugin reaches the TwelveMonkeys readers inside its own jar.
 */
class PluginJarIT extends PluginJarContract {
    PluginJarIT() {
        super(ExpectedJar.of("deeplake-plugin-image", Chunker.class, ImageChunker.class.getName()));
    }

    @Test
    void jarHoldsTwelveMonkeys() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            List<String> names = jar.stream().map(JarEntry::getName).toList();
            assertTrue(names.contains("com/twelvemonkeys/imageio/plugins/webp/WebPImageReaderSpi.class"), "no WebP reader in the jar");
            assertTrue(names.contains("com/twelvemonkeys/imageio/plugins/jpeg/JPEGImageReaderSpi.class"), "no JPEG reader in the jar");
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

        try (StartedPlugin plugin = start()) {
            Chunker chunker = plugin.single(Chunker.class);
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
        }
    }
}
