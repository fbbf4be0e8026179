package ai.deeplake.plugin.binary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.deeplake.api.Batch;
import ai.deeplake.api.Chunker;
import ai.deeplake.api.IngestSettings;
import ai.deeplake.plugin.testkit.ExpectedJar;
import ai.deeplake.plugin.testkit.PluginJarContract;
import ai.deeplake.plugin.testkit.StartedPlugin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The shared jar checks, and the chunker loaded from the jar takes any file as one value. */
class PluginJarIT extends PluginJarContract {
    PluginJarIT() {
        super(ExpectedJar.of("deeplake-plugin-binary", Chunker.class, BinaryChunker.class.getName()));
    }

    @Test
    void pf4jLoadsTheChunkerFromTheJar() throws IOException {
        try (StartedPlugin plugin = start()) {
            Chunker chunker = plugin.single(Chunker.class);
            assertEquals("binary", chunker.name());
            assertEquals(Set.of(Chunker.ANY_EXTENSION), chunker.extensions());

            byte[] content = {0, 1, 2, (byte) 0xFF};
            Path file = Files.write(dir.resolve("scan.dcm"), content);
            List<Batch> batches = new ArrayList<>();
            chunker.chunk(file, IngestSettings.defaults(), batches::add);
            assertEquals(1, batches.size());
            assertArrayEquals(content, batches.get(0).bytes("data")[0]);
            assertEquals("scan.dcm", batches.get(0).strings("filename")[0]);
        }
    }
}
