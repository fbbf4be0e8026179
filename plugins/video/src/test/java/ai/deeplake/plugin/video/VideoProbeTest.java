package ai.deeplake.plugin.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake.api.IngestError;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** Reads ffprobe's {@code -of flat} answers as {@link VideoProbe.Pending} hands them over. */
class VideoProbeTest {
    private static final Path FILE = Path.of("/v/a.mp4");

    @Test
    void takesTheFirstVideoStreamThatIsNotCoverArt() {
        VideoProbe probe = VideoProbe.parse(FILE, Map.of(
                "streams.stream.0.codec_type", "video", "streams.stream.0.codec_name", "mjpeg",
                "streams.stream.0.disposition.attached_pic", "1",
                "streams.stream.1.codec_type", "audio",
                "streams.stream.2.codec_type", "video", "streams.stream.2.codec_name", "h264",
                "streams.stream.2.disposition.attached_pic", "0", "streams.stream.2.duration", "25.000000",
                "format.format_name", "mov,mp4,m4a,3gp,3g2,mj2"));
        assertEquals(new VideoProbe("mov,mp4,m4a,3gp,3g2,mj2", "h264", List.of("unknown"), OptionalDouble.of(25)), probe);
    }

    @Test
    void declaresTheLongerOfTheDurationAndTheFrameCount() {
        // What an AVI cut short looks like: ffprobe measures 2.1 s, the header counts 121 frames.
        VideoProbe probe = VideoProbe.parse(FILE, Map.of("streams.stream.0.codec_type", "video",
                "streams.stream.0.duration", "2.100000", "streams.stream.0.nb_frames", "121",
                "streams.stream.0.avg_frame_rate", "10/1"));
        assertEquals(12.1, probe.declaredSeconds().getAsDouble(), 1e-9);

        VideoProbe matroska = VideoProbe.parse(FILE, Map.of("streams.stream.0.codec_type", "video",
                "streams.stream.0.duration", "N/A", "streams.stream.0.avg_frame_rate", "0/0"));
        assertTrue(matroska.declaredSeconds().isEmpty());
    }

    @Test
    void aFileWithoutVideoIsNotAVideo() {
        IngestError e = assertThrows(IngestError.class, () -> VideoProbe.parse(FILE, Map.of(
                "streams.stream.0.codec_type", "audio", "format.format_name", "mp3")));
        assertEquals("Not a video: /v/a.mp4 has no video stream (ffprobe reads it as mp3 with 1 audio stream(s))", e.getMessage());
    }
}
