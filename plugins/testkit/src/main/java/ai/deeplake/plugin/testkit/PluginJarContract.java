package ai.deeplake.plugin.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks every plugin's {@code PluginJarIT} runs on its packaged jar, not the classes folder: a
 * jar without {@code META-INF/extensions.idx}, without the pf4j manifest, or with host types packed in
 * loads without error yet offers no extension. A subclass names what its jar must hold and adds its
 * own checks, using {@link #start()} to load the jar the way the host does.
 *
 * <p>The jar, id and version come from the {@code plugin.jar}, {@code plugin.id} and
 * {@code plugin.version} system properties the plugins parent's failsafe configuration sets.
 */
public abstract class PluginJarContract {
    /** The packaged plugin jar under test. */
    protected static final Path JAR = Path.of(System.getProperty("plugin.jar"));
    /** The plugin id the build wrote into the manifest. */
    protected static final String ID = System.getProperty("plugin.id");

    private static final List<String> ALWAYS_HOST = List.of("ai/deeplake/api/", "org/pf4j/");

    /** A fresh folder per test. */
    @TempDir
    protected Path dir;

    /** The plugin id as written in the module's pom, checked against the manifest and {@link #ID}. */
    protected abstract String pluginId();

    /** The extension point the plugin's extensions implement, e.g. {@code Chunker.class}. */
    protected abstract Class<?> extensionPoint();

    /**
     * The fully qualified names of every extension the jar indexes. Names, not classes: some modules
     * keep the plugin's classes off the test class path on purpose.
     */
    protected abstract List<String> expectedExtensions();

    /**
     * Jar entry prefixes the host supplies, beyond the api and pf4j that no plugin may pack; a copy in
     * the plugin jar would be loaded a second time by the plugin-first class loader.
     */
    protected List<String> hostPackages() {
        return List.of();
    }

    /** When present, every class in the jar must live under this entry prefix (nothing foreign packed in). */
    protected Optional<String> onlyClassesUnder() {
        return Optional.empty();
    }

    @Test
    void jarIndexesExactlyTheExpectedExtensions() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            JarEntry index = jar.getJarEntry("META-INF/extensions.idx");
            assertNotNull(index, JAR + " has no META-INF/extensions.idx: pf4j's annotation processor did not run");
            String content = new String(jar.getInputStream(index).readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(expectedExtensions().stream().sorted().toList(),
                    content.lines().filter(line -> !line.startsWith("#") && !line.isBlank()).sorted().toList(), content);
        }
    }

    @Test
    void manifestDescribesThePlugin() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            Attributes manifest = jar.getManifest().getMainAttributes();
            assertEquals(pluginId(), ID, "plugin.id system property");
            assertEquals(pluginId(), manifest.getValue("Plugin-Id"));
            assertEquals(System.getProperty("plugin.version"), manifest.getValue("Plugin-Version"));
            assertEquals("Deeplake", manifest.getValue("Plugin-Provider"));
            assertNotNull(manifest.getValue("Plugin-Description"));
        }
    }

    @Test
    void jarLeavesHostTypesOut() throws IOException {
        List<String> host = new ArrayList<>(ALWAYS_HOST);
        host.addAll(hostPackages());
        try (JarFile jar = new JarFile(JAR.toFile())) {
            List<String> names = jar.stream().map(JarEntry::getName).toList();
            List<String> shared = names.stream().filter(name -> host.stream().anyMatch(name::startsWith)).toList();
            assertTrue(shared.isEmpty(), "host types packed into the plugin: " + shared);
            onlyClassesUnder().ifPresent(own -> {
                List<String> foreign = names.stream().filter(n -> n.endsWith(".class") && !n.startsWith(own)).toList();
                assertTrue(foreign.isEmpty(), "classes other than the plugin's own packed into it: " + foreign);
            });
        }
    }

    @Test
    void pf4jStartsThePluginAndOffersEveryExtensionFromTheJar() throws IOException {
        try (StartedPlugin plugin = start()) {
            List<?> extensions = plugin.extensions(extensionPoint());
            assertEquals(expectedExtensions().stream().sorted().toList(),
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

    /** Loads and starts the jar from a fresh {@link #pluginsFolder()} with pf4j, checking it started. */
    protected StartedPlugin start() throws IOException {
        return StartedPlugin.from(pluginsFolder(), ID);
    }
}
