package ai.deeplake.plugin.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CutPlanTest {
    private static final String MOV = "mov,mp4,m4a,3gp,3g2,mj2";
    private static final String MATROSKA = "matroska,webm";

    private static VideoProbe probe(String format, String video, String... audio) {
        return new VideoProbe(format, video, List.of(audio), OptionalDouble.empty());
    }

    private static CutPlan choose(VideoProbe probe, String extension) {
        return CutPlan.choose(probe, extension, encoder -> encoder.equals("libx264"));
    }

    static Stream<Arguments> usualFiles() {
        return Stream.of(
                Arguments.of("mp4", probe(MOV, "h264", "aac")),
                Arguments.of("mov", probe(MOV, "prores", "pcm_s16le")),
                Arguments.of("mkv", probe(MATROSKA, "hevc", "opus")),
                Arguments.of("webm", probe(MATROSKA, "vp9", "opus")),
                Arguments.of("avi", probe("avi", "mpeg4", "mp3")));
    }

    @ParameterizedTest(name = ".{0}")
    @MethodSource("usualFiles")
    void theCutStartedBeforeFfprobeAnswersIsTheOneItChooses(String extension, VideoProbe probe) {
        assertEquals(CutPlan.expectedFor(extension), Optional.of(choose(probe, extension)));
    }

    @Test
    void copiesIntoTheFamilyTheCodecsAllow() {
        assertEquals(new CutPlan("mov", "mov", true, null), choose(probe(MOV, "prores", "pcm_s16le"), "mp4"));
        assertEquals(new CutPlan("matroska", "mkv", true, null), choose(probe(MATROSKA, "h264", "aac"), "webm"));
        assertEquals(new CutPlan("mp4", "mp4", true, null), choose(probe(MOV, "h264"), "m4v"));
    }

    @Test
    void reencodesOtherContainersWithTheBestEncoderAtHand() {
        assertEquals(new CutPlan("mp4", "mp4", false, "libx264"), choose(probe("mpegts", "mpeg2video", "mp2"), "mp4"));
        assertEquals(new CutPlan("mp4", "mp4", false, "mpeg4"), CutPlan.choose(probe("flv", "flv1"), "avi", encoder -> false));
    }

    @Test
    void commandCopiesTheFirstRealVideoStreamAndListsFilesOnStandardOutput() {
        List<String> command = CutPlan.expectedFor("mp4").orElseThrow().command(Path.of("/usr/bin/ffmpeg"), Path.of("/v/a b.mp4"), Path.of("/t/50%"));
        String line = String.join(" ", command);
        assertTrue(line.contains("-skip_frame nokey -i file:/v/a b.mp4 -map 0:V:0 -map 0:a? -c copy -f segment -segment_time 10"), line);
        assertTrue(command.contains("/t/50%%/clip%05d.mp4"), "a '%' in the folder is escaped: " + command);
        assertTrue(command.contains("/t/50%%/thumb%05d.jpg"), line);
        assertEquals(2, command.stream().filter("pipe:1"::equals).count());
        assertFalse(line.contains("libx264"));
    }
}
