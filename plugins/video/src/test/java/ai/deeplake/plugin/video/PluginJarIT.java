package ai.deeplake.plugin.video;

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
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The shared jar checks, and the chunker loaded from the jar cuts a video and cleans up after itself. */
class PluginJarIT extends PluginJarContract {
    @Override
    protected String pluginId() {
        return "deeplake-plugin-video";
    }

    @Override
    protected Class<?> extensionPoint() {
        return Chunker.class;
    }

    @Override
    protected List<String> expectedExtensions() {
        return List.of(VideoChunker.class.getName());
    }

    /** No host types (loaded twice, they hide the extension) and no ffmpeg natives (the host's job). */
    @Override
    protected Optional<String> onlyClassesUnder() {
        return Optional.of("ai/deeplake/plugin/video/");
    }

    @Test
    void pf4jLoadsTheChunkerFromTheJar() throws IOException {
        try (StartedPlugin plugin = start()) {
            Chunker chunker = plugin.single(Chunker.class);
            assertEquals("video", chunker.name());

            Path video = Videos.make(dir.resolve("a.mkv"), 15);
            List<Batch> batches = new ArrayList<>();
            chunker.chunk(video, new IngestSettings(1000, 200, 150, 1, dir.resolve("tmp")), batches::add);
            assertEquals(2, batches.size());
            assertEquals(10, batches.get(1).doubles("start_time")[0], 0.15);
            Videos.assertJpeg(batches.get(1).bytes("thumbnail")[0]);
            try (var left = Files.list(dir.resolve("tmp"))) {
                assertEquals(List.of(), left.toList());
            }
        }
    }
}
