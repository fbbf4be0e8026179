package ai.deeplake.plugin.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.deeplake.api.Batch;
import ai.deeplake.api.Chunker;
import ai.deeplake.api.IngestSettings;
import ai.deeplake.plugin.testkit.ExpectedJar;
import ai.deeplake.plugin.testkit.PluginJarContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared jar checks, and the chunker loaded from the jar splits a Markdown file. */
class PluginJarIT extends PluginJarContract {
    PluginJarIT() {
        super(ExpectedJar.of("deeplake-plugin-text", Chunker.class, TextChunker.class.getName()));
    }

    @Test
    void theJarsChunkerSplitsMarkdown() throws IOException {
        Path file = Files.writeString(dir.resolve("a.md"), "# Title\n\nBody text.");
        List<Batch> batches = chunkWithTheJar("text", file, new IngestSettings(10, 2, 150, 1, null));
        assertEquals(List.of("# Title\n\nB", "\nBody text", "xt."), List.of(batches.get(0).strings("text")));
    }
}
