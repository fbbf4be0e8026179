package ai.deeplake.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.deeplake.api.Chunker;
import ai.deeplake.api.IngestError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginHostTest {
    @TempDir
    Path tmp;

    @Test
    void findsClassPathExtensionsMadeByGuiceAndPluginJarsFromTheFolder() throws IOException {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        Files.copy(Path.of(System.getProperty("deeplake.test.plugins"), "deeplake-plugin-text.jar"), plugins.resolve("text.jar"));
        try (PluginHost host = new PluginHost(List.of(plugins, tmp.resolve("missing")))) {
            Chunker shouting = host.chunkerFor(Path.of("a.SHOUT"));
            assertInstanceOf(ShoutingChunker.class, shouting);
            assertSame(shouting, host.chunkerFor(Path.of("b.shout")), "one instance per extension class");

            Chunker text = host.chunkerFor(Path.of("notes.TXT"));
            assertEquals("text", text.name());
            assertEquals("deeplake-plugin-text", host.plugins().get(0).getPluginId());
            assertEquals(List.of("deeplake-plugin-text"), host.plugins().stream().map(p -> p.getPluginId()).toList());
            assertEquals("no chunker for files without an extension — install the deeplake-plugin-binary plugin",
                    assertThrows(IngestError.class, () -> host.chunkerFor(Path.of("README"))).getMessage());
        }
    }

    @Test
    void extensionsAreCaseInsensitiveAndDotfilesHaveNone() {
        assertEquals("pdf", PluginHost.extension(Path.of("/x/Report.PDF")));
        assertEquals("", PluginHost.extension(Path.of(".bashrc")));
        assertEquals("", PluginHost.extension(Path.of("trailing.")));
        assertEquals("gz", PluginHost.extension(Path.of("a.tar.gz")));
    }
}
