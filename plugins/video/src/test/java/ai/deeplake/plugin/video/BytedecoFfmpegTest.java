package ai.deeplake.plugin.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.deeplake.api.Batch;
import ai.deeplake.api.IngestSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The last resort of {@link FfmpegLocator}: the programs of the {@code org.bytedeco:ffmpeg} artifact,
 * which the build puts on the test class path on Linux x86-64 only. Its ffmpeg is a newer release
 * than the distributions ship, so this also checks the cut command against it.
 */
class BytedecoFfmpegTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void artifactOnTheClassPath() {
        assumeTrue(BytedecoFfmpegTest.class.getClassLoader().getResource("org/bytedeco/ffmpeg/ffmpeg.class") != null,
                "org.bytedeco:ffmpeg is on the test class path on Linux x86-64 only");
    }

    @Test
    void theHintNamesTheVersionTheBuildTests() {
        String version = org.bytedeco.ffmpeg.ffmpeg.class.getPackage().getImplementationVersion();
        assertTrue(FfmpegLocator.BYTEDECO_HINT.contains("org.bytedeco:ffmpeg:" + version + ":linux-x86_64"), FfmpegLocator.BYTEDECO_HINT + " vs " + version);
    }

    @Test
    void cutsWithTheArtifactsProgramsWhenThePathHasNone() throws IOException {
        FfmpegLocator locator = new FfmpegLocator(dir.toString(), null, null, getClass().getClassLoader());
        FfmpegLocator.Tools tools = locator.locate();
        assertEquals("org.bytedeco:ffmpeg", tools.origin());

        VideoChunker chunker = new VideoChunker(locator);
        IngestSettings settings = new IngestSettings(1000, 200, 150, 1, dir.resolve("tmp"));
        Path copied = Videos.make(dir.resolve("a.mp4"), 12);
        Path reencoded = Videos.ffmpeg(dir.resolve("ts.mkv"), List.of("-f", "lavfi", "-i", Videos.source(12),
                "-c:v", "mpeg2video", "-f", "mpegts"));
        for (Path video : List.of(copied, reencoded)) {
            List<Batch> batches = new ArrayList<>();
            chunker.chunk(video, settings, batches::add);
            assertEquals(2, batches.size(), video.toString());
            assertEquals(10, batches.get(1).doubles("start_time")[0], 0.15);
            Videos.assertJpeg(batches.get(1).bytes("thumbnail")[0]);
        }
        try (var left = Files.list(dir.resolve("tmp"))) {
            assertEquals(List.of(), left.toList());
        }
    }
}
