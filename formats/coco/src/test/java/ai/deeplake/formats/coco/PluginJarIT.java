package ai.deeplake.formats.coco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake.Client;
import ai.deeplake.ClientMode;
import ai.deeplake.IngestOptions;
import ai.deeplake.api.Batch;
import ai.deeplake.api.Format;
import ai.deeplake.api.FormatFactory;
import ai.deeplake.api.IngestError;
import ai.deeplake.plugin.testkit.ContextClassLoader;
import ai.deeplake.plugin.testkit.ExpectedJar;
import ai.deeplake.plugin.testkit.PluginJarContract;
import ai.deeplake.plugin.testkit.StartedPlugin;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.pf4j.PluginClassLoader;

/**
 * The shared jar checks (the host's Jackson and SLF4J stay out too), then the formats as the host uses
 * them: from a plugins folder only, while the context class loader knows nothing of the plugin.
 */
class PluginJarIT extends PluginJarContract {
    PluginJarIT() {
        super(ExpectedJar.of("deeplake-format-coco", FormatFactory.class,
                "ai.deeplake.formats.coco.CocoFormatFactory", "ai.deeplake.formats.coco.CocoPanopticFormatFactory")
                .alsoHost("com/fasterxml/", "org/slf4j/"));
    }

    @Test
    void pf4jLoadsTheFactoriesFromTheJarAndTheCocoFormatReadsASplit() throws IOException {
        Path images = CocoSplits.instances(dir);
        try (StartedPlugin plugin = start()) {
            List<FormatFactory> factories = new ArrayList<>(plugin.extensions(FormatFactory.class));
            factories.sort(Comparator.comparing(FormatFactory::id));
            assertEquals(List.of("coco", "coco-panoptic"), factories.stream().map(FormatFactory::id).toList());
            assertSame(plugin.classLoader(), factories.get(0).getClass().getClassLoader());

            // A host whose context class loader knows nothing of the plugin, as in the distribution.
            try (ContextClassLoader platform = ContextClassLoader.platform()) {
                Format coco = factories.get(0).create(Map.of("path", images.toString(), "batch-size", "2"));
                List<Batch> batches = new ArrayList<>();
                coco.normalize(batches::add);
                assertEquals(List.of(2, 1), batches.stream().map(Batch::size).toList());
                BufferedImage mask = ImageIO.read(new ByteArrayInputStream(batches.get(1).bytes("mask")[0]));
                assertEquals(3, mask.getRaster().getSample(1, 1, 0), "compressed RLE pixel 5 is category 3");
                assertEquals(0, mask.getRaster().getSample(0, 0, 0));
                IngestError e = assertThrows(IngestError.class, () -> factories.get(1).create(Map.of("path", images.toString())));
                assertTrue(e.getMessage().contains("masks="), e.getMessage());
            }
        }
    }

    @Test
    void aClientFindsTheFormatByIdInItsPluginsFolderAndIngests() throws IOException {
        Path images = CocoSplits.instances(dir);
        try (Client client = ClientMode.EMBEDDED.connect(Files.createDirectory(dir.resolve("workspace")), pluginsFolder())) {
            Format coco = client.format("coco", Map.of("path", images.toString(), "captions", "false"));
            assertInstanceOf(PluginClassLoader.class, coco.getClass().getClassLoader());
            client.ingest("coco_val", IngestOptions.builder().format(coco).build());
            assertEquals(3, client.query("SELECT COUNT(*) AS n FROM coco_val").get(0).getLong("n"));
            assertEquals("[]", client.query("SELECT captions FROM coco_val WHERE coco_image_id = 1").get(0).getString("captions"));
            assertEquals(12, client.query("SELECT COUNT(*) AS n FROM thumbnails").get(0).getLong("n"));
        }
    }

    @Test
    void withoutTheJarTheFormatFailsNamingThePlugin() throws IOException {
        try (Client client = ClientMode.EMBEDDED.connect(Files.createDirectory(dir.resolve("workspace")),
                Files.createDirectory(dir.resolve("empty-plugins")))) {
            for (String id : List.of("coco", "coco-panoptic")) {
                IngestError e = assertThrows(IngestError.class, () -> client.format(id, Map.of("path", dir.toString())));
                assertTrue(e.getMessage().startsWith("no format '" + id + "'") && e.getMessage().contains("deeplake-format-coco"), e.getMessage());
            }
        }
    }

    @Test
    void theClassPathHoldsNoCopyOfThePlugin() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("ai.deeplake.formats.coco.Coco"),
                "the format would be found on the class path, not only in the jar these tests load");
    }
}
