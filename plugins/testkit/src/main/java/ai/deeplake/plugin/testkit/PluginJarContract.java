package ai.deeplake.plugin.testkit;

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

/**
 * The checks every plugin's {@code PluginJarIT} runs on its packaged jar, not the classes folder: a
 * jar without {@code META-INF/extensions.idx}, without the pf4j manifest, or with host types packed in
 * loads without error yet offers no extension. A subclass says what its jar must hold in an
 * {@link ExpectedJar} and adds its own checks, using {@link #start()} to load the jar the way the host does.
 *
 * <p>The jar, id and version come from the {@code plugin.jar}, {@code plugin.id} and
 * {@code plugin.version} system properties the plugins parent's failsafe configuration sets.
 */
public abstract class PluginJarContract {
    /** The packaged plugin jar under test. */
    protected static final Path JAR = Path.of(System.getProperty("plugin.jar"));
    /** The plugin id the build wrote into the manifest. */
    protected static final String ID = System.getProperty("plugin.id");

    /** A fresh folder per test. */
    @TempDir
    protected Path dir;

    private final ExpectedJar expected;

    /** A contract for a jar that must hold what {@code expected} says. */
    protected PluginJarContract(ExpectedJar expected) {
        this.expected = expected;
    }

    @Test
    void jarIndexesExactlyTheExpectedExtensions() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            JarEntry index = jar.getJarEntry("META-INF/extensions.idx");
            assertNotNull(index, JAR + " has no META-INF/extensions.idx: pf4j's annotation processor did not run");
            String content = new String(jar.getInputStream(index).readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(expected.extensions().stream().sorted().toList(),
                    content.lines().filter(line -> !line.startsWith("#") && !line.isBlank()).sorted().toList(), content);
        }
    }

    @Test
    void manifestDescribesThePlugin() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            Attributes manifest = jar.getManifest().getMainAttributes();
            assertEquals(expected.id(), ID, "plugin.id system property");
            assertEquals(expected.id(), manifest.getValue("Plugin-Id"));
            assertEquals(System.getProperty("plugin.version"), manifest.getValue("Plugin-Version"));
            assertEquals("Deeplake", manifest.getValue("Plugin-Provider"));
            assertNotNull(manifest.getValue("Plugin-Description"));
        }
    }

    @Test
    void jarLeavesHostTypesOut() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            List<String> names = jar.stream().map(JarEntry::getName).toList();
            List<String> shared = names.stream().filter(n -> expected.hostPackages().stream().anyMatch(n::startsWith)).toList();
            assertTrue(shared.isEmpty(), "host types packed into the plugin: " + shared);
            List<String> foreign = names.stream().filter(n -> n.endsWith(".class") && !n.startsWith(expected.classesUnder())).toList();
            assertTrue(foreign.isEmpty(), "classes other than the plugin's own packed into it: " + foreign);
        }
    }

    @Test
    void pf4jStartsThePluginAndOffersEveryExtensionFromTheJar() throws IOException {
        try (StartedPlugin plugin = start()) {
            List<?> extensions = plugin.extensions(expected.extensionPoint());
            assertEquals(expected.extensions().stream().sorted().toList(),
                    extensions.stream().map(e -> e.getClass().getName()).sorted().toList(), "extensions offered by " + ID);
            for (Object extension : extensions) {
                // Loaded from the jar, not from this test's class path.
                assertSame(plugin.classLoader(), extension.getClass().getClassLoader(), extension.getClass().getName());
            }
        }
    }

    /** A plugins folder in {@link #dir} holding a copy of the jar, as a host's would. */
    protected Path pluginsFolder() throws IOException {
        Path plugins = Files.createDirectory(dir.resolve("plugins"));
        Files.copy(JAR, plugins.resolve(JAR.getFileName()));
        return plugins;
    }

    /**
     * Chunks {@code file} with the one chunker the jar offers, loaded by pf4j from a plugins folder and
     * checked to be named {@code name}, and returns the batches it made.
     */
    protected List<Batch> chunkWithTheJar(String name, Path file, IngestSettings settings) throws IOException {
        try (StartedPlugin plugin = start()) {
            Chunker chunker = plugin.single(Chunker.class);
            assertEquals(name, chunker.name());
            List<Batch> batches = new ArrayList<>();
            chunker.chunk(file, settings, batches::add);
            return batches;
        }
    }

    /** Loads and starts the jar from a fresh {@link #pluginsFolder()} with pf4j, checking it started. */
    protected StartedPlugin start() throws IOException {
        return StartedPlugin.from(pluginsFolder(), ID);
    }
}
