package ai.deeplake.formats.lerobot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake.Client;
import ai.deeplake.ClientMode;
import ai.deeplake.IngestOptions;
import ai.deeplake.api.Format;
import ai.deeplake.api.IngestError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the packaged plugin jar, not the classes folder: the three factories are indexed, no host
 * library (DuckDB, Jackson, the api, pf4j) is packed in, and a Client makes {@code lerobot-frames} by
 * id from the jar and ingests it through the host's DuckDB.
 */
class PluginJarIT {
    private static final Path JAR = Path.of(System.getProperty("plugin.jar"));

    @TempDir
    Path dir;

    @Test
    void jarIndexesTheThreeFactories() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            JarEntry index = jar.getJarEntry("META-INF/extensions.idx");
            assertNotNull(index, JAR + " has no META-INF/extensions.idx: pf4j's annotation processor did not run");
            String content = new String(jar.getInputStream(index).readAllBytes(), StandardCharsets.UTF_8);
            for (Class<?> factory : List.of(LeRobotTasksFactory.class, LeRobotFramesFactory.class, LeRobotEpisodesFactory.class)) {
                assertTrue(content.lines().anyMatch(factory.getName()::equals), content);
            }
            Attributes manifest = jar.getManifest().getMainAttributes();
            assertEquals("deeplake-format-lerobot", manifest.getValue("Plugin-Id"));
            assertEquals(System.getProperty("plugin.version"), manifest.getValue("Plugin-Version"));
        }
    }

    @Test
    void jarLeavesHostLibrariesOut() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            List<String> shared = jar.stream().map(JarEntry::getName)
                    .filter(name -> name.endsWith(".class") && !name.startsWith("ai/deeplake/formats/lerobot/"))
                    .toList();
            assertTrue(shared.isEmpty(), "classes other than the plugin's own in the jar: " + shared);
        }
    }

    /**
     * A Client whose plugins folder holds the jar makes {@code lerobot-frames} by id from the jar (the
     * installed jar wins over this test's class path, which holds the same classes) and ingests it
     * while the context class loader sees no DuckDB, as inside a distribution's plugin.
     */
    @Test
    void clientMakesLeRobotFramesFromTheJarByIdAndIngestsIt() throws Exception {
        Path plugins = Files.createDirectory(dir.resolve("plugins"));
        Files.copy(JAR, plugins.resolve(JAR.getFileName()));
        Path dataset = TestDataset.write(dir.resolve("droid"));
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try (Client client = ClientMode.EMBEDDED.connect(dir.resolve("root"), plugins)) {
            Format frames = client.format("lerobot-frames", Map.of("path", dataset.toString(), "chunk-start", "0", "chunk-end", "1"));
            assertEquals(LeRobotFrames.class.getName(), frames.getClass().getName());
            assertNotSame(LeRobotFrames.class.getClassLoader(), frames.getClass().getClassLoader(), "made from the class path, not the jar");

            thread.setContextClassLoader(ClassLoader.getPlatformClassLoader());
            assertEquals(12, client.ingest("frames", IngestOptions.builder().format(frames).build()).rowCount());
            thread.setContextClassLoader(before);
            assertEquals(TestDataset.state(2, 3, 7), client.query("SELECT state_gripper FROM frames WHERE \"index\" = 11").get(0)
                    .getFloat("state_gripper"));
            IngestError error = assertThrows(IngestError.class,
                    () -> client.format("lerobot-episodes", Map.of("path", dataset.toString(), "chunk-start", "0")));
            assertEquals("format lerobot-episodes needs the option chunk-end=<chunk number> (chunk-end is inclusive)", error.getMessage());
        } finally {
            thread.setContextClassLoader(before);
        }
    }
}
