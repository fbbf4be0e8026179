package ai.deeplake.plugin.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.deeplake.api.Batch;
import ai.deeplake.api.Chunker;
import ai.deeplake.api.IngestSettings;
import ai.deeplake.plugin.testkit.PluginJarContract;
import ai.deeplake.plugin.testkit.StartedPlugin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared jar checks, and the chunker loaded from the jar splits a Markdown file. */
class PluginJarIT extends PluginJarContract {
    @Override
    protected String pluginId() {
        return "deeplake-plugin-text";
    }

    @Override
    protected Class<?> extensionPoint() {
        return Chunker.class;
    }

    @Override
    protected List<String> expectedExtensions() {
        return List.of(TextChunker.class.getName());
    }

    @Test
    void pf4jLoadsTheChunkerFromTheJar() throws IOException {
        try (StartedPlugin plugin = start()) {
            Chunker chunker = plugin.single(Chunker.class);
            assertEquals("text", chunker.name());

            Path file = Files.writeString(dir.resolve("a.md"), "# Title\n\nBody text.");
            List<Batch> batches = new ArrayList<>();
            chunker.chunk(file, new IngestSettings(10, 2, 150, 1, null), batches::add);
            assertEquals(List.of("# Title\n\nB", "\nBody text", "xt."), List.of(batches.get(0).strings("text")));
        }
    }
}
