package ai.deeplake.plugin.pdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake.api.Batch;
import ai.deeplake.api.Chunker;
import ai.deeplake.api.IngestError;
import ai.deeplake.api.IngestSettings;
import ai.deeplake.plugin.testkit.ContextClassLoader;
import ai.deeplake.plugin.testkit.ExpectedJar;
import ai.deeplake.plugin.testkit.PluginJarContract;
import ai.deeplake.plugin.testkit.StartedPlugin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shared jar checks, and that PDFBox inside the jar finds its own classes inside the plugin class
 * loader: otherwise the plugin loads without error yet fails on the first file.
 */
class PluginJarIT extends PluginJarContract {
    PluginJarIT() {
        super(ExpectedJar.of("deeplake-plugin-pdf", Chunker.class, PdfChunker.class.getName()).alsoHost("org/slf4j/"));
    }

    @Test
    void jarHoldsPdfbox() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            List<String> names = jar.stream().map(JarEntry::getName).toList();
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
        Path file = TestPdfs.letterPages(dir.resolve("three.pdf"), 3);
        ClassLoader application = Thread.currentThread().getContextClassLoader();
        try (StartedPlugin plugin = start()) {
            Chunker chunker = plugin.single(Chunker.class);
            // PDFBox included: loaded from the jar, not from this test's class path.
            assertSame(plugin.classLoader(), Class.forName("org.apache.pdfbox.Loader", false, plugin.classLoader()).getClassLoader());
            assertEquals("pdf", chunker.name());

            try (ContextClassLoader context = ContextClassLoader.set(
                    contextLoader.equals("platform") ? ClassLoader.getPlatformClassLoader() : application)) {
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
            }
        } catch (ClassNotFoundException e) {
            throw new AssertionError("PDFBox is not inside " + JAR, e);
        }
    }
}
