package ai.deeplake.formats.coco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.JarPluginManager;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * Checks the packaged plugin jar, not the classes folder: a jar without {@code extensions.idx} or with
 * host types (the api, Jackson) packed in loads without error yet offers no format, or fails on the
 * first file.
 */
class PluginJarIT {
    private static final Path JAR = Path.of(System.getProperty("plugin.jar"));
    private static final String ID = System.getProperty("plugin.id");

    @TempDir
    Path dir;

    @Test
    void jarIndexesBothFactoriesAndDescribesThePlugin() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            JarEntry index = jar.getJarEntry("META-INF/extensions.idx");
            assertNotNull(index, JAR + " has no META-INF/extensions.idx: pf4j's annotation processor did not run");
            String content = new String(jar.getInputStream(index).readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(List.of("ai.deeplake.formats.coco.CocoFormatFactory", "ai.deeplake.formats.coco.CocoPanopticFormatFactory"),
                    content.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).sorted().toList());
            Attributes manifest = jar.getManifest().getMainAttributes();
            assertEquals("deeplake-format-coco", manifest.getValue("Plugin-Id"));
            assertEquals(System.getProperty("plugin.version"), manifest.getValue("Plugin-Version"));
            List<String> shared = jar.stream().map(JarEntry::getName)
                    .filter(n -> n.startsWith("ai/deeplake/api/") || n.startsWith("org/pf4j/") || n.startsWith("com/fasterxml/")
                            || n.startsWith("org/slf4j/"))
                    .toList();
            assertTrue(shared.isEmpty(), "host types packed into the plugin: " + shared);
        }
    }

    @Test
    void pf4jLoadsTheFactoriesFromTheJarAndTheCocoFormatReadsASplit() throws IOException {
        Path plugins = Files.createDirectory(dir.resolve("plugins"));
        Files.copy(JAR, plugins.resolve(JAR.getFileName()));
        Path images = CocoSplits.instances(dir);
        PluginManager manager = new JarPluginManager(plugins);
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try {
            manager.loadPlugins();
            manager.startPlugins();
            PluginWrapper plugin = manager.getPlugin(ID);
            assertNotNull(plugin, "pf4j did not load " + ID + " from " + plugins);
            assertEquals(PluginState.STARTED, plugin.getPluginState());
            List<FormatFactory> factories = new ArrayList<>(manager.getExtensions(FormatFactory.class, ID));
            factories.sort(Comparator.comparing(FormatFactory::id));
            assertEquals(List.of("coco", "coco-panoptic"), factories.stream().map(FormatFactory::id).toList());
            assertSame(plugin.getPluginClassLoader(), factories.get(0).getClass().getClassLoader());

            // A host whose context class loader knows nothing of the plugin, as in the distribution.
            thread.setContextClassLoader(ClassLoader.getPlatformClassLoader());
            Format coco = factories.get(0).create(Map.of("path", images.toString(), "batch-size", "2"));
            List<Batch> batches = new ArrayList<>();
            coco.normalize(batches::add);
            assertEquals(List.of(2, 1), batches.stream().map(Batch::size).toList());
            BufferedImage mask = ImageIO.read(new ByteArrayInputStream(batches.get(1).bytes("mask")[0]));
            assertEquals(3, mask.getRaster().getSample(1, 1, 0), "compressed RLE pixel 5 is category 3");
            assertEquals(0, mask.getRaster().getSample(0, 0, 0));
            IngestError e = assertThrows(IngestError.class, () -> factories.get(1).create(Map.of("path", images.toString())));
            assertTrue(e.getMessage().contains("masks="), e.getMessage());
        } finally {
            thread.setContextClassLoader(before);
            // unloadPlugins() stops each plugin first; pf4j 3.15's stopPlugins() throws
            // ConcurrentModificationException once a plugin has started (pf4j issue #656).
            manager.unloadPlugins();
        }
    }

    @Test
    void aClientFindsTheFormatByIdInItsPluginsFolderAndIngests() throws IOException {
        Path plugins = Files.createDirectory(dir.resolve("plugins"));
        Files.copy(JAR, plugins.resolve(JAR.getFileName()));
        Path images = CocoSplits.instances(dir);
        try (Client client = ClientMode.EMBEDDED.connect(Files.createDirectory(dir.resolve("workspace")), plugins)) {
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
