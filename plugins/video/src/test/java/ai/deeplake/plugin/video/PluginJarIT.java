package ai.deeplake.plugin.video;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.deeplake.api.Batch;
import ai.deeplake.api.Chunker;
import ai.deeplake.api.IngestSettings;
import ai.deeplake.plugin.testkit.ExpectedJar;
import ai.deeplake.plugin.testkit.PluginJarContract;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared jar checks, and the chunker loaded from the jar cuts a video and cleans up after itself. */
class PluginJarIT extends PluginJarContract {
    PluginJarIT() {
        super(ExpectedJar.of("deeplake-plugin-video", Chunker.class, VideoChunker.class.getName())
                // No host types (loaded twice, they hide the extension) and no ffmpeg natives (the host's job).
                .onlyClassesUnder("ai/deeplake/plugin/video/"));
    }

    @Test
    void theJarsChunkerCutsAVideoAndLeavesNoTemporaryFiles() throws IOException {
        List<Batch> batches = chunkWithTheJar("video", Videos.make(dir.resolve("a.mkv"), 15),
                new IngestSettings(1000, 200, 150, 1, dir.resolve("tmp")));
        assertEquals(2, batches.size());
        assertEquals(10, batches.get(1).doubles("start_time")[0], 0.15);
        Videos.assertJpeg(batches.get(1).bytes("thumbnail")[0]);
        try (var left = Files.list(dir.resolve("tmp"))) {
            assertEquals(List.of(), left.toList());
        }
    }
}
